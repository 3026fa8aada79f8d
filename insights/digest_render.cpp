// The three renderings of one digest. Each reads only the digest, so that chat, Markdown and JSON
// always say the same thing.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/markdown.hpp"
#include "core/time.hpp"
#include "insights/digest.hpp"
#include "insights/numbers.hpp"

namespace csibot::insights {
namespace {

using json = nlohmann::ordered_json;

std::string section_text(const digest_section& sec) {
  std::string out;
  if (!sec.title.empty()) out = "*" + sec.title + "*";
  for (std::size_t i = 0; i < sec.lines.size(); ++i) {
    if (!out.empty()) out += '\n';
    if (sec.numbered) out += std::to_string(i + 1) + ". ";
    out += sec.lines[i];
  }
  return out;
}

// Neutral markup to Markdown, with what people typed escaped: a quote's "[here](http://…)" stays
// text, not a link.
std::string markdown(std::string_view text) {
  return core::to_markdown(text);
}

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells)
    out += " " + core::to_markdown(c, {.table_cell = true, .silencer = {}}) + " |";
  return out + "\n";
}

json impacts_json(const impact_mix& m) {
  return {{"blocks", m.blocks},
          {"slows", m.slows},
          {"minor", m.minor},
          {"none", m.none},
          {"unanswered", m.unanswered}};
}

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

// The figures as every other view writes them (insights/numbers.hpp), for pages that show them: a
// page that rounded on its own read 199 of 200 as 100 %, or NPS -10.5 as -10 where the digest says -11.
json shown_json(const service_insight& s) {
  const core::scale scale = s.service.scale;
  const auto text = [&](const std::string& number) { return json(with_unit(scale, number)); };
  json j;
  const bool answered = s.figures.n > 0;
  j["score"] =
      answered
          ? text(score_number(scale, s.figures.score, target_decimals(s.service.target), s.service.target))
          : json(nullptr);
  j["interval"] = answered ? json{text(bound_number(scale, s.figures.score_interval.low)),
                                  text(bound_number(scale, s.figures.score_interval.high))}
                           : json(nullptr);
  j["target"] = s.service.target ? text(target_number(scale, *s.service.target)) : json(nullptr);
  j["response_rate"] = s.response_rate ? json(share_text(*s.response_rate) + " %") : json(nullptr);
  json weeks = s.weeks_withheld ? json(nullptr) : json::array();
  for (const auto& w : s.weekly_scores)
    weeks.push_back(w ? text(score_number(scale, *w)) : json(nullptr));
  j["weekly"] = std::move(weeks);
  return j;
}

json service_json(const service_insight& s) {
  json j = {{"id", s.service.id}, {"name", s.service.name}, {"hidden", s.hidden}};
  if (s.hidden) return j;  // n and everything else is withheld (SPEC §12)
  j["scale"] = core::to_string(s.service.scale);
  j["n"] = s.figures.n;
  // No answers, no figures: null, not 0.0, which would read as "everybody unhappy".
  const bool answered = s.figures.n > 0;
  const auto figure = [&](double v) { return answered ? json(v) : json(nullptr); };
  j["score"] = figure(s.figures.score);
  j["interval"] =
      answered ? json{s.figures.score_interval.low, s.figures.score_interval.high} : json(nullptr);
  j["mean"] = figure(s.figures.mean);
  j["happy_pct"] = figure(s.happy_pct);
  j["unhappy_pct"] = figure(s.unhappy_pct);
  const char* words[] = {"better", "worse", "within_noise", "too_few"};
  j["change"] = {{"verdict", words[static_cast<int>(s.change.change)]},
                 {"z", s.change.z},
                 {"delta", s.change.delta},
                 // A withheld previous period's n is a small group's: null, not 0 ("none before").
                 {"previous_n", s.previous_withheld ? json(nullptr) : json(s.change.previous_n)},
                 {"previous_withheld", s.previous_withheld}};
  // A withheld mix is null, not zeros: "nobody said" and "not shown" differ (SPEC §5).
  j["impacts"] = s.impacts_withheld ? json(nullptr) : impacts_json(s.impacts);
  j["impact_weight"] = s.impacts_withheld ? json(nullptr) : json(s.impact_weight);
  j["impacts_withheld"] = s.impacts_withheld;
  j["sparkline"] = s.sparkline;
  // Withheld weeks are null, not an empty list: "no weeks to draw" and "not shown" differ.
  json weeks = s.weeks_withheld ? json(nullptr) : json::array();
  for (const auto& w : s.weekly_scores)
    weeks.push_back(optional_number(w));
  j["weekly_scores"] = std::move(weeks);
  j["weeks_withheld"] = s.weeks_withheld;
  json themes = json::array();
  for (const auto& t : s.themes)
    themes.push_back({{"label", t.label},
                      {"count", t.count},
                      {"mean_rating", t.mean_rating},
                      {"score", t.score},
                      {"quote", t.quote}});
  j["themes"] = std::move(themes);
  json usage = json::array();
  for (const auto& u : s.usage)
    usage.push_back({{"label", u.label}, {"count", u.count}});
  j["usage"] = std::move(usage);
  j["priority"] = s.priority;
  j["retire"] = s.retire;
  j["target"] = optional_number(s.service.target);
  j["target_met"] = s.target_met ? json(*s.target_met) : json(nullptr);
  j["response_rate"] = optional_number(s.response_rate);  // null = n/a: no prompts sent (or not counted)
  j["prompts"] =
      s.responses ? json{{"sent", s.responses->sent}, {"answered", s.responses->answered}} : json(nullptr);
  j["shown"] = shown_json(s);
  return j;
}

json measurement_json(const core::service& svc, const core::measurement& m, int min_group) {
  json j = {{"from", core::to_iso8601(m.from)}, {"to", core::to_iso8601(m.to)}, {"hidden", false}};
  if (!may_show(svc, m, min_group)) {
    j["hidden"] = true;  // fewer than min_group answers of a (pseudo)anonymous service (SPEC §12)
    return j;
  }
  j["score"] = m.score;
  j["n"] = m.n;
  return j;
}

json improvement_json(const improvement_move& m, int min_group) {
  const auto& i = m.item;
  const auto optional_text = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", i.id},
          {"service", i.service},
          {"title", i.title},
          {"business_function", optional_text(i.business_function)},
          {"expected_effect", optional_text(i.expected_effect)},
          {"theme", optional_text(i.theme)},
          {"feedback", i.feedback_ids},
          {"state", core::to_string(i.state)},
          {"verification", core::to_string(i.verification)},
          {"process_only", i.process_only()},
          {"moved_to", m.change.no_effect ? "no_effect" : core::to_string(m.change.state)},
          {"at", core::to_iso8601(m.change.at)},
          {"baseline", measurement_json(m.service, i.baseline, min_group)},
          {"after", i.after ? measurement_json(m.service, *i.after, min_group) : json(nullptr)}};
}

}  // namespace

core::message to_message(const digest& d) {
  core::message m;
  m.header = d.header;
  if (!d.table.columns.empty()) m.table = d.table;
  for (const auto& sec : d.sections) {
    if (!m.text.empty()) m.text += "\n\n";
    m.text += section_text(sec);
  }
  m.context = d.context;
  return m;
}

std::string to_markdown(const digest& d) {
  std::string out = "# " + markdown(d.header) + "\n\n";
  if (!d.table.columns.empty()) {
    out += markdown_row(d.table.columns);
    out += "|";
    for (std::size_t i = 0; i < d.table.columns.size(); ++i)
      out += " --- |";
    out += "\n";
    for (const auto& row : d.table.rows)
      out += markdown_row(row);
    out += "\n";
  }
  for (const auto& sec : d.sections) {
    if (!sec.title.empty()) out += "## " + markdown(sec.title) + "\n\n";
    for (std::size_t i = 0; i < sec.lines.size(); ++i)
      out +=
          (sec.numbered ? std::to_string(i + 1) + ". " : std::string{"- "}) + markdown(sec.lines[i]) + "\n";
    out += "\n";
  }
  // Each line of the small print in italics: Markdown italics do not span a line break. Asterisks,
  // so that an _italic_ term inside the line ("_Process-only_: …") nests; with underscores it would
  // close the line's emphasis at once and leave "__Process-only_" on the page.
  std::size_t start = 0;
  while (start < d.context.size()) {
    const std::size_t nl = std::min(d.context.find('\n', start), d.context.size());
    out += "*" + markdown(std::string_view{d.context}.substr(start, nl - start)) + "*\n";
    start = nl + 1;
  }
  return out;
}

std::string to_json(const digest& d) {
  json j;
  j["header"] = d.header;
  j["period"] = {{"label", d.options.period.label},
                 {"from", core::to_iso8601(d.options.period.from)},
                 {"to", core::to_iso8601(d.options.period.to)}};
  json services = json::array();
  for (const auto& s : d.data.services)
    services.push_back(service_json(s));
  j["services"] = std::move(services);
  json ranked = json::array();
  for (std::size_t i : d.data.priorities)
    ranked.push_back(d.data.services[i].service.id);
  j["priorities"] = std::move(ranked);
  json retire = json::array();
  for (std::size_t i : d.data.retire)
    retire.push_back(d.data.services[i].service.id);
  j["retire"] = std::move(retire);
  j["median_n"] = d.data.median_n;
  json improvements = json::array();
  for (const auto& m : d.improvements)
    improvements.push_back(improvement_json(m, d.data.min_group));
  j["improvements"] = std::move(improvements);
  json sections = json::array();
  for (const auto& sec : d.sections)
    sections.push_back({{"key", sec.key}, {"title", sec.title}, {"lines", sec.lines}});
  j["sections"] = std::move(sections);
  j["context"] = d.context;
  // Stored text is sanitized UTF-8; "replace" keeps a stray byte from failing the whole digest.
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace csibot::insights
