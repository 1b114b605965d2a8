-- An owner may own a guest of a managed host, named host/guest in owner lists: the longest such
-- name is a 32-character host name, '/', and a 63-character guest name. A guest of this host has
-- no '/' in its name, so the two kinds can never be mistaken for each other.
ALTER TABLE guest_identity ALTER COLUMN name SET DATA TYPE VARCHAR(96);
