-- NTF-5: a delivery report or complaint counts only when it returns a letter the portal sent to
-- that very address; the reader finds the letter by the Message-ID the report quotes.
CREATE INDEX letter_codes_by_message_id ON letter_codes (message_id);
