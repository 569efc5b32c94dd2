#include "smp/server/lead_id.hpp"

#include <array>
#include <random>

namespace smp::server {
namespace {
// Crockford's base32: no I, L, O, U, so ids survive being read over the phone.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}  // namespace

std::string new_lead_id() {
  thread_local std::random_device device;
  std::string id = "L-";
  std::uint64_t bits = (static_cast<std::uint64_t>(device()) << 32) | device();
  for (int i = 0; i < 12; ++i) {
    id.push_back(kAlphabet[bits & 31]);
    bits >>= 5;
  }
  return id;
}

bool is_lead_id(const std::string& text) {
  if (text.size() != 14 || text.compare(0, 2, "L-") != 0) return false;
  for (size_t i = 2; i < text.size(); ++i) {
    if (kAlphabet.find(text[i]) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace smp::server
