import type { CampaignStore } from './store';

export interface Audience {
  groupIds: number[];
  contactIds: number[];
}

/** Contact ids covered per chunk: each chunk is one short transaction (a few thousand recipients at most). */
export const EXPAND_ID_SPAN = 4000;
const DELETE_CHUNK = 20_000;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Makes a campaign's recipient list and send units from its groups and contacts: every contact of the channel that
 * is in one of the groups or picked by hand, once, in contact order; each gets one unit per part, `skipped` if the
 * contact has opted out. Plain INSERT ... SELECT statements over contact-id ranges, each range its own short
 * transaction, with a turn of the event loop in between: a 100k-member group neither takes long nor blocks the UI.
 *
 * The campaign's `recipients_at` stays null until the last range commits, so a list cut short by a crash is known
 * to be incomplete and is made again.
 */
export async function expandRecipients(
  store: CampaignStore,
  campaignId: number,
  channelId: number,
  audience: Audience,
  now: () => number,
): Promise<{ recipients: number; optedOut: number }> {
  await clearRecipients(store, campaignId, now);
  const groups = JSON.stringify(audience.groupIds);
  const picked = JSON.stringify(audience.contactIds);
  const bounds = store
    .stmt('SELECT min(id) AS lo, max(id) AS hi FROM contacts WHERE channel_id = ?')
    .get(channelId) as { lo: number | null; hi: number | null };
  const insertRecipients = store.stmt(
    `INSERT INTO campaign_recipients (campaign_id, contact_id, phone)
     SELECT ?, c.id, c.phone FROM (
       SELECT contact_id AS id FROM group_members
       WHERE group_id IN (SELECT value FROM json_each(?)) AND contact_id >= ? AND contact_id < ?
       UNION SELECT value FROM json_each(?) WHERE value >= ? AND value < ?
     ) a JOIN contacts c ON c.id = a.id
     WHERE c.channel_id = ? ORDER BY c.id`,
  );
  const countOptedOut = store.stmt(
    `SELECT count(*) AS n FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
     WHERE r.campaign_id = ? AND r.contact_id >= ? AND r.contact_id < ? AND c.opted_out = 1`,
  );
  const idRange = store.stmt(
    `SELECT min(id) AS lo, max(id) AS hi FROM campaign_recipients WHERE campaign_id = ? AND contact_id >= ? AND contact_id < ?`,
  );
  // Driven by the new recipients' rowid range, so rows come out in (recipient, part) order without a sort and the
  // unit ids follow the sending order.
  const insertUnits = store.stmt(
    `INSERT INTO campaign_units (campaign_id, recipient_id, position, kind, state, failure)
     SELECT r.campaign_id, r.id, p.position, p.kind,
            CASE WHEN c.opted_out = 1 THEN 'skipped' ELSE 'pending' END,
            CASE WHEN c.opted_out = 1 THEN 'opted_out' END
     FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id JOIN campaign_parts p ON p.campaign_id = r.campaign_id
     WHERE r.id BETWEEN ? AND ? AND r.campaign_id = ?`,
  );
  const partsCount = (store.stmt('SELECT count(*) AS n FROM campaign_parts WHERE campaign_id = ?').get(campaignId) as { n: number }).n;
  const addCounts = store.stmt(
    `UPDATE campaigns SET recipients = recipients + ?, opted_out = opted_out + ?, n_pending = n_pending + ?,
       n_skipped = n_skipped + ?, updated_at = ? WHERE id = ?`,
  );
  const finish = store.stmt('UPDATE campaigns SET recipients_at = ? WHERE id = ?');

  let recipients = 0;
  let optedOut = 0;
  const hi = bounds.hi ?? 0;
  for (let lo = bounds.lo ?? 1; ; lo += EXPAND_ID_SPAN) {
    const end = lo + EXPAND_ID_SPAN;
    const last = end > hi;
    const done = store.sqlite.transaction(() => {
      const n = insertRecipients.run(campaignId, groups, lo, end, picked, lo, end, channelId).changes;
      let out = 0;
      if (n > 0) {
        out = (countOptedOut.get(campaignId, lo, end) as { n: number }).n;
        const range = idRange.get(campaignId, lo, end) as { lo: number; hi: number };
        insertUnits.run(range.lo, range.hi, campaignId);
        addCounts.run(n, out, (n - out) * partsCount, out * partsCount, now(), campaignId);
      }
      if (last) finish.run(now(), campaignId);
      return { n, out };
    })();
    recipients += done.n;
    optedOut += done.out;
    if (last) break;
    if (done.n > 0) await yieldToOthers();
  }
  return { recipients, optedOut };
}

/** Drops a campaign's recipients and units (the caller makes sure none has been sent) and zeroes its counts. */
async function clearRecipients(store: CampaignStore, campaignId: number, now: () => number): Promise<void> {
  store
    .stmt(
      `UPDATE campaigns SET recipients_at = NULL, recipients = 0, opted_out = 0, n_pending = 0, n_sending = 0, n_sent = 0,
         n_failed = 0, n_invalid = 0, n_skipped = 0, n_unknown = 0, n_delivered = 0, n_read = 0, updated_at = ? WHERE id = ?`,
    )
    .run(now(), campaignId);
  const dropUnits = store.stmt(`DELETE FROM campaign_units WHERE id IN (SELECT id FROM campaign_units WHERE campaign_id = ? LIMIT ?)`);
  while (dropUnits.run(campaignId, DELETE_CHUNK).changes > 0) await yieldToOthers();
  const dropRecipients = store.stmt(
    `DELETE FROM campaign_recipients WHERE id IN (SELECT id FROM campaign_recipients WHERE campaign_id = ? LIMIT ?)`,
  );
  while (dropRecipients.run(campaignId, DELETE_CHUNK).changes > 0) await yieldToOthers();
}
