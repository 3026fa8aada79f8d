// `csibot catalog export` writes TOML meant to be pasted back into a config file, so reading it back
// with the config loader must give the same catalog, whatever the text of a service holds.
#include "bot/cli/catalog_export.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/loader.hpp"

namespace csibot::cli {
namespace {

// An environment in which every variable is set, so that an unescaped ${NAME} would be replaced
// rather than rejected: the round trip must not depend on what the reader's environment holds.
std::optional<std::string> everything_set(std::string_view name) {
  return "value-of-" + std::string{name};
}

std::vector<core::service> tricky_catalog() {
  core::service vpn;
  vpn.id = "vpn";
  vpn.name = "VPN ${HOME} \"quoted\" 'single'";
  vpn.description = "line one\nline two\twith a tab, $${ twice $$ and a lone $ and ${";
  vpn.purpose = "Lets staff reach ${INTERNAL} systems from anywhere — für alle, 日本語, 🚀";
  vpn.criticality = core::criticality::high;
  vpn.business_functions = {"field ${SALES}", "costs $5", "ends in $", "$${literal}"};
  vpn.owners = {"slack:U0OWNER"};
  vpn.customers = {"slack:C0CUSTOMERS", "mattermost:abcdefghijklmnopqrstuvwxyz"};
  vpn.digest_channel = "slack:C0DIGEST";
  vpn.scale = core::scale::nps10;
  vpn.target = 30;
  vpn.anonymity = core::anonymity::pseudonymous;
  vpn.tags = {"${TAG}", "back\\slash", "}{"};

  core::service mail;
  mail.id = "mail";
  mail.name = "Mail";
  return {vpn, mail};
}

TEST(cli_catalog_export, exported_catalog_loads_back_unchanged_whatever_its_text_holds) {
  const auto catalog = tricky_catalog();
  const auto toml = catalog_toml(catalog);
  const auto loaded = config::load_string(toml, "/etc/csibot/exported.toml", everything_set);
  ASSERT_TRUE(loaded.ok()) << toml << "\n"
                           << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].message);
  EXPECT_TRUE(loaded.diagnostics.empty()) << loaded.diagnostics[0].message;
  ASSERT_EQ(loaded.settings->services.size(), catalog.size()) << toml;
  for (std::size_t i = 0; i < catalog.size(); ++i)
    EXPECT_EQ(loaded.settings->services[i], catalog[i]) << "service " << i << " of:\n" << toml;
  EXPECT_NE(toml.find("VPN $${HOME}"), std::string::npos)
      << "written as the config file says a literal ${: " << toml;
}

}  // namespace
}  // namespace csibot::cli
