#pragma once
/// Shared by the dialog and commands tests: a temp folder for a real SQLite file, fixed UTC times, a
/// demo-like catalog, and the flow's storage seam over the real feedback repository (no mock).
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/service.hpp"
#include "core/time.hpp"
#include "dialog/feedback_flow.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::test {

/// A fresh folder for a real SQLite file (shared with the storage tests).
using storage::test::temp_dir;

/// A UTC time built with std::chrono's calendar (independent of core::parse_iso8601).
inline core::timestamp utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return core::timestamp{
             std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d}}} +
         std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

inline core::service make_service(std::string id, std::string name, core::scale scale = core::scale::csat5,
                                  core::anonymity anonymity = core::anonymity::identified) {
  core::service s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.scale = scale;
  s.anonymity = anonymity;
  s.purpose = "Purpose of " + s.name;
  return s;
}

/// Like config/demo.toml, plus a thumbs service; ordered by id as the service repository lists them.
inline std::vector<core::service> test_catalog() {
  using core::anonymity;
  using core::scale;
  return {make_service("ci-cd", "CI/CD platform", scale::nps10),
          make_service("email", "Email and calendar"),
          make_service("hr-portal", "HR self-service portal", scale::csat5, anonymity::anonymous),
          make_service("laptop-provisioning", "Laptop provisioning"),
          make_service("printing", "Office printing", scale::thumbs),
          make_service("service-desk", "IT service desk", scale::ces7, anonymity::pseudonymous),
          make_service("vpn", "Remote access VPN")};
}

/// The flow's seam over storage::feedback_repository, as the commands layer implements it.
class repository_store final : public dialog::feedback_store {
 public:
  repository_store(storage::database& db, core::ref user)
      : repo_(db), replies_(db), prompts_(db), user_(std::move(user)) {}
  std::int64_t create(const core::feedback& f, core::anonymity a) override { return repo_.insert(f, a); }
  void update(const core::feedback& f) override { repo_.update(f); }
  bool usage_known(const core::service& s, core::timestamp now) override {
    return repo_.usage_asked_since(s.id, user_.str(), s.anonymity, now - std::chrono::days{90});
  }
  std::string reply_consent_token(std::int64_t feedback_id) override {
    return replies_.consent_token(feedback_id, user_);
  }
  bool opted_out() override { return prompts_.is_opted_out(user_.str()); }

 private:
  storage::feedback_repository repo_;
  storage::reply_repository replies_;
  storage::prompt_repository prompts_;
  core::ref user_;
};

}  // namespace csibot::test
