// A new message is no longer indexed by a trigger of its own: the storage adapter fills both search indexes once
// at the end of each group commit, in the same transaction, for the people's messages that commit inserted
// (search-index.ts). Per message, FTS5 wrote an index segment each time (its pending entries are written out at
// every statement that opens a statement journal, and the insert and the seq update that go with a send do); per
// commit it writes one for the whole batch. Edits and deletes keep their triggers and change the index at once.
// The messages indexed so far stay as they are.
export default /* sql */ `
DROP TRIGGER message_search_insert;
`;
