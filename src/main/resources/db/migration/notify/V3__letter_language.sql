-- NTF-4: letters, SMS and push texts in the language the citizen chose, Russian unless they chose English.
ALTER TABLE preferences ADD COLUMN letter_language TEXT NOT NULL DEFAULT 'RU' CHECK (letter_language IN ('RU', 'EN'));
