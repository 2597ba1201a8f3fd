-- Bodies are AES-GCM ciphertext, which does not compress: PostgreSQL's default storage tries to
-- compress every value that makes a row longer than about 2 kB before moving it out of line, and
-- for ciphertext that attempt is CPU spent for nothing on every delivery. EXTERNAL keeps the
-- out-of-line storage and skips the attempt. Rows already stored are not touched.
ALTER TABLE messages ALTER COLUMN body_text SET STORAGE EXTERNAL;
ALTER TABLE messages ALTER COLUMN body_html SET STORAGE EXTERNAL;
