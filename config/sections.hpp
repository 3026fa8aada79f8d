#pragma once
/// Readers for each part of the config document (private to config/). Each reads its keys into the
/// settings, leaves defaults where a key is absent, and records every problem in the context.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/reader.hpp"
#include "config/settings.hpp"

namespace csibot::config::detail {

/// [bot], as written (the loader resolves `database` and fills in `public_url`).
void read_bot(table_reader& root, bot_settings& out);
/// [slack], [mattermost] and [local], including the tokens each mode requires.
void read_platforms(table_reader& root, settings& out);
/// [policy].
void read_policy(table_reader& root, policy_settings& out);
/// [hooks].
void read_hooks(table_reader& root, std::optional<hooks_settings>& out);
/// [themes] synonyms = { canonical = ["word", …] }.
void read_themes(table_reader& root, settings& out);
void read_criticality(table_reader& root, core::criticality_weights& out);

/// [[service]]; returns every well-formed id declared (duplicates and bad ids are diagnosed).
std::set<std::string, std::less<>> read_services(table_reader& root, std::vector<core::service>& out);
/// [[digest]]; service ids must be among `ids` (or "*").
void read_digests(table_reader& root, const std::set<std::string, std::less<>>& ids,
                  std::vector<digest_settings>& out);
/// [[pulse]]; the service must be among `ids`.
void read_pulses(table_reader& root, const std::set<std::string, std::less<>>& ids,
                 const std::vector<core::service>& services, std::vector<pulse_settings>& out);

}  // namespace csibot::config::detail
