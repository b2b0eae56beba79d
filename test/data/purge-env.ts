// Imported first: the purge's handler module builds its table client from the environment when it
// is imported, so a name has to be there before it. Tests pass their own tables explicitly.
process.env.TABLE_NAME ??= 'unused-by-these-tests';
