-- Opted-out member counts for a channel's groups start from the (few) opted-out contacts and probe their
-- memberships, instead of reading every membership of every group. Partial, so it costs nothing for the rest.
CREATE INDEX `contacts_opted_out_idx` ON `contacts` (`channel_id`) WHERE `opted_out` = 1;
