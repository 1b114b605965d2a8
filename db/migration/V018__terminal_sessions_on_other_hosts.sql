-- A terminal may be opened in a guest of a managed host, recorded under that guest's host/name
-- (at most a 32-character host name, '/', and a 63-character guest name), as owner lists name it.
ALTER TABLE terminal_session ALTER COLUMN guest SET DATA TYPE VARCHAR(96);
