#include "insights/term_index.hpp"

#include <algorithm>

namespace csibot::insights {
namespace {

constexpr std::size_t max_spellings = 4;

std::uint64_t pack(std::uint32_t a, std::uint32_t b) {
  return (std::uint64_t{a} << 32) | b;
}

}  // namespace

std::uint32_t term_index::new_term(bool pair) {
  terms_.push_back({pair, {}});
  return static_cast<std::uint32_t>(terms_.size() - 1);
}

std::uint32_t term_index::intern_surface(const std::string& s) {
  const auto [it, fresh] = surface_ids_.try_emplace(s, static_cast<std::uint32_t>(surfaces_.size()));
  if (fresh) surfaces_.push_back(s);
  return it->second;
}

const term_index::word& term_index::lookup(const std::string& text) {
  if (const auto it = words_.find(text); it != words_.end()) return it->second;
  const term t = rules_->resolve(text);
  word w;
  w.stop = t.stop;
  w.surface = intern_surface(t.surface);
  if (!t.stop) {
    const auto known = keys_.find(t.key);
    w.term = known != keys_.end() ? known->second : keys_.emplace(t.key, new_term(false)).first->second;
  }
  return words_.emplace(text, w).first->second;
}

void term_index::terms_of(std::string_view text, std::vector<std::pair<std::uint32_t, std::uint64_t>>& out) {
  out.clear();
  rules_->words(text, raw_);
  const word* previous = nullptr;
  for (const auto& r : raw_) {
    const word& w = lookup(r.text);
    if (w.stop) {
      previous = nullptr;  // a phrase never spans a stop-word
      continue;
    }
    out.emplace_back(w.term, w.surface);
    if (previous && r.joined && previous->term != w.term) {
      const auto key = pack(previous->term, w.term);
      auto it = pairs_.find(key);
      if (it == pairs_.end()) it = pairs_.emplace(key, new_term(true)).first;
      out.emplace_back(it->second, pack(previous->surface, w.surface));
    }
    previous = &w;
  }
  // The first spelling of each term in the answer stands for it (stable sort keeps text order).
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  out.erase(
      std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
      out.end());
}

void term_index::note_spelling(std::uint32_t term, std::uint64_t spelling) {
  auto& spellings = terms_[term].spellings;
  for (auto& [s, n] : spellings) {
    if (s == spelling) {
      ++n;
      return;
    }
  }
  if (spellings.size() < max_spellings) spellings.emplace_back(spelling, 1);
}

std::string term_index::label(std::uint32_t term) const {
  const term_info& info = terms_[term];
  if (info.spellings.empty()) return {};
  const auto best = std::max_element(info.spellings.begin(), info.spellings.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  if (!info.pair) return surfaces_[best->first];
  return surfaces_[best->first >> 32] + ' ' + surfaces_[best->first & 0xFFFFFFFFu];
}

}  // namespace csibot::insights
