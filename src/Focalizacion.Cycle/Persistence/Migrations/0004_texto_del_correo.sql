-- The text of each email as it was rendered and sent (the plain-text part), so the cycle's page can
-- show what was sent even after its template was edited. Emails sent before this have none.
ALTER TABLE correos ADD COLUMN texto text;
