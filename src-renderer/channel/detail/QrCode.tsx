import { Box, Skeleton } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

const SIZE = 264;

/** Draws the QR string WhatsApp issued; a new string (WhatsApp refreshes it) redraws it in place. */
export function QrCode({ value, alt }: { value: string; alt: string }) {
  const [image, setImage] = useState<{ value: string; url: string } | null>(null);

  useEffect(() => {
    let current = true;
    QRCode.toDataURL(value, {
      width: SIZE * 2,
      margin: 1,
      errorCorrectionLevel: 'M',
      color: { dark: '#111b21', light: '#ffffff' },
    }).then(
      (url) => current && setImage({ value, url }),
      () => current && setImage(null),
    );
    return () => {
      current = false;
    };
  }, [value]);

  return (
    <Box className="wa-qr" w={SIZE + 24} h={SIZE + 24} p={12}>
      {image ? (
        <img src={image.url} width={SIZE} height={SIZE} alt={alt} data-testid="qr-image" data-fresh={image.value === value} />
      ) : (
        <Skeleton width={SIZE} height={SIZE} radius="sm" />
      )}
    </Box>
  );
}
