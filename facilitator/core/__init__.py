"""Infrastructure every part shares: database, errors, language, clock, signals, jobs, mail,
the one text policy and the Danish/English wording."""
