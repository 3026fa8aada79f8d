#pragma once

namespace csibot::storage {

/// The name of csibot's SQLite VFS, registered on first use (thread-safe): the platform's default
/// VFS with one change, writes to the write-ahead log gathered into few system calls per commit.
///
/// SQLite appends a transaction to the log as a 24-byte header and a page per frame, each its own
/// pwrite: about 80 frames, 160 system calls, for a group commit of 50 slash commands, which made
/// pwrite the bot's most frequent system call (docs/PERFORMANCE.md). This VFS keeps consecutive
/// writes to a "-wal" file in a buffer of 124 KiB (about the most the default VFS writes in one call)
/// and passes them on as one write when it is full, when the transaction's commit frame is whole (its
/// header carries the database size: WAL format, https://www.sqlite.org/fileformat2.html), before
/// any read, sync, truncation or size query of the file, and before a write that does not follow on.
/// So the log holds a commit before SQLite publishes it in the WAL index, in every synchronous mode,
/// as without this VFS, and a failed write fails the commit that needed it. Every other file goes
/// straight to the default VFS.
const char* wal_batching_vfs();

}  // namespace csibot::storage
