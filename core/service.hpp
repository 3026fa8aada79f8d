#pragma once
/// A catalogued IT service: what it is for, how critical it is, who uses and owns it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/scale.hpp"

namespace csibot::core {

enum class criticality { low, medium, high, critical };
std::string_view to_string(criticality c);
std::optional<criticality> parse_criticality(std::string_view text);
/// The business weight of each criticality in the priority (SPEC §2, §5): 1/2/3/5 unless the config's
/// `[criticality]` table says otherwise.
struct criticality_weights {
  double low = 1;
  double medium = 2;
  double high = 3;
  double critical = 5;
  [[nodiscard]] double of(criticality c) const;
};

/// identified: user id stored; pseudonymous: keyed hash stored; anonymous: nothing stored.
enum class anonymity { identified, pseudonymous, anonymous };
std::string_view to_string(anonymity a);
std::optional<anonymity> parse_anonymity(std::string_view text);

struct service {
  std::string id;  ///< slug: lower-case letters, digits, '-' and '_'
  std::string name;
  std::string description;
  std::string purpose;  ///< one line: why the service exists, in business terms
  core::criticality criticality = criticality::medium;
  std::vector<std::string> business_functions;
  std::vector<std::string> owners;     ///< "platform:user"
  std::vector<std::string> customers;  ///< "platform:channel" or "platform:user"
  std::string digest_channel;          ///< "platform:channel", may be empty
  core::scale scale = scale::csat5;
  std::optional<double> target;  ///< e.g. 85 (% CSAT); nullopt = none set
  core::anonymity anonymity = anonymity::identified;
  std::vector<std::string> tags;

  friend bool operator==(const service&, const service&) = default;
};

/// The service with `id` in `catalog`, or nullptr. The pointer is valid while the catalog is.
const service* find_service(const std::vector<service>& catalog, std::string_view id);

/// The service's name for a message (its id when the name is empty), as neutral markup: core::literal
/// of it, so that `SAP_HR *prod*` shows as typed instead of in italics and bold. Names come from the
/// config file and from `/csi service` at run time; they are never markup. Only for message texts,
/// headers, field values, context and table cells: where nothing is rendered (JSON, CSV, logs, button
/// values, button labels, which the local web chat shows as they are) the name goes as it is.
std::string markup_name(const service& s);

/// True for a non-empty slug of at most 64 characters [a-z0-9_-], starting with a letter or digit.
bool is_valid_service_id(std::string_view id);

/// True when `target` can be a goal on `scale`: an NPS runs from -100 to 100 (0, "as many promoters
/// as detractors", is a common goal); the other scales' scores are shares, above 0 and at most 100.
bool is_valid_target(scale s, double target);

}  // namespace csibot::core
