#pragma once
/// The CSI register of `csibot demo` (SPEC §6): a handful of improvements that fit the demo's stories
/// (docs/demo.md), so that `/csi improve list`, the service view, digests and the dashboard show the
/// register at work from the first minute — one verified by the figures, one waiting for them, one in
/// progress answering the VPN complaints, a proposal, and a process-only one.
#include <vector>

#include "core/service.hpp"
#include "core/time.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::cli {

/// Adds the demo's improvements, with their baselines (the service's figures over the 30 days before
/// each was added) and their history, for those of its services that `catalog` holds; others are
/// skipped. Call after the demo's feedback is stored: baselines are read from it, and the VPN
/// improvement is linked to recent complaints. Verdicts are left to the register's own check, which
/// runs at the first read. Returns how many improvements were added. Throws storage::error.
std::size_t seed_demo_register(storage::database& db, const std::vector<core::service>& catalog,
                               core::timestamp now);

}  // namespace csibot::cli
