#pragma once
/// The DMs csibot has with people on Slack (user id → D… channel id), kept in the table
/// `slack_dm_channels` of csibot's database so that a restart forgets none of them:
///  - a `/csi` typed in the app's own DM is still answered there, not "only visible to you" through
///    its response_url (slack_platform.cpp: csibot keeps a command's DM only when it knows it is its own);
///  - a prompt, pulse or reply to someone csibot has talked to before needs no `conversations.open`
///    (Tier 4, about 100 a minute), which after a restart would pace a pulse to thousands of people.
/// A DM channel id never changes, so a row is written once, when web_api first learns it (its answer
/// to conversations.open, or a message.im event), in a deferred transaction of its own (no fsync: one
/// lost to a power cut is learned again the next time). The table is created here, IF NOT EXISTS, like
/// Mattermost's channel book: the adapter's bookkeeping, not part of csibot's data model.
///
/// Threading: the io thread only, like the database it borrows.
#include <string>
#include <utility>
#include <vector>

namespace csibot::storage {
class database;
}

namespace csibot::platform::slack {

/// Creates the table when missing and returns every (user, channel) in it. Throws storage::error.
std::vector<std::pair<std::string, std::string>> load_dm_channels(storage::database& db);

/// Stores `channel` as the DM with `user`. Never throws: a failure is logged (the DM stays known in
/// memory until the next start).
void save_dm_channel(storage::database& db, const std::string& user, const std::string& channel) noexcept;

}  // namespace csibot::platform::slack
