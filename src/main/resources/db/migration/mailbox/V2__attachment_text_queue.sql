-- Reading the text of a PDF, DOCX or XLSX for search takes far longer than storing the message,
-- so it happens after delivery: an attachment waits here until a worker has added its text to
-- the message's search vector. The flag lives in the table it describes, so the queue can never
-- lose an entry that the message kept, and a worker that dies mid-way leaves the row waiting.
ALTER TABLE attachments ADD COLUMN text_pending boolean NOT NULL DEFAULT false;

CREATE INDEX attachments_text_pending ON attachments (delivered_at, id) WHERE text_pending;
