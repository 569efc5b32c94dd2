#pragma once
// The hair-loss scales' stages, in order (SPEC §3 `pattern.stage`): the one list that answer
// parsing, config validation (pricing.per_stage), the quiz's options and the package table read.
#include <array>
#include <string>
#include <string_view>

namespace smp {

inline constexpr std::array<std::string_view, 12> kNorwoodStages{
    "I", "II", "IIA", "III", "IIIA", "III_VERTEX", "IV", "IVA", "V", "VA", "VI", "VII"};
inline constexpr std::array<std::string_view, 3> kLudwigStages{"I", "II", "III"};

template <std::size_t N>
constexpr bool is_listed(const std::array<std::string_view, N>& stages, std::string_view stage) {
  for (std::string_view s : stages) {
    if (s == stage) return true;
  }
  return false;
}

/// "I, II, III": a scale's stages for messages.
template <std::size_t N>
std::string stage_list(const std::array<std::string_view, N>& stages) {
  std::string out;
  for (std::string_view s : stages) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

}  // namespace smp
