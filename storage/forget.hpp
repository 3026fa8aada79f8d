#pragma once
/// `/csi forget-me` (SPEC §8): erases what the database holds about one person, in the caller's
/// transaction.
///  - Their feedback loses its link to them and the words they wrote: the user (their id, or the
///    pseudonym a pseudonymous service stored) and the reason and usage texts become null, and
///    replies may no longer reach them. Rating, impact and dates stay, as anonymous answers, so the
///    figures of past periods do not change.
///  - The links that let owners' answers reach them (reply_links, written when they allowed answers
///    to a pseudonymous or anonymous answer) are deleted, and the answers those links name lose their
///    words the same way: the link is the one thing that says those answers are theirs.
///  - The prompts they were sent or were due to get, and their open conversation, are deleted.
///  - On the built-in web chat, their messages, their DM with the bot and the replies only they
///    saw are deleted.
/// An opt-out stays: it is their instruction to be left alone, and honouring it needs their id. The
/// audit log stays too: it is the record of what admins and owners did.
#include <cstdint>

#include "core/ref.hpp"

namespace csibot::storage {

class database;

struct forget_result {
  std::int64_t feedback_unlinked = 0;  ///< answers now anonymous, without comments
  std::int64_t prompts_deleted = 0;
  std::int64_t conversations_deleted = 0;
  std::int64_t chat_messages_deleted = 0;
  std::int64_t reply_links_deleted = 0;
};

forget_result forget_person(database& db, const core::ref& person);

}  // namespace csibot::storage
