-- The text of each email as it was rendered and sent, so that an oficio can be read as its
-- recipients got it (the web's oficio page). Emails sent before this migration have none.
ALTER TABLE correos ADD COLUMN texto text;
