// The default clinic: DOMAIN.md 3.5 (packages) and 3.8 (settings). `{}` parses to exactly this.
#include <array>

#include "smp/config.hpp"

namespace smp {
namespace {

struct PackageRow {
  const char* id;
  long long low, high;
  int sessions_min, sessions_max;
  int hours_min_tenths, hours_max_tenths;
  int first_session_max_tenths;  // 0 = same as the others
  int touch_up_min, touch_up_max;
};

// Full-course prices in USD; sessions and hours per session (DOMAIN 3.5). `unknown` is the
// "not sure" band (3.4 A9): the widest range until photos are seen.
constexpr std::array<PackageRow, 15> kPackages{{
    {"hairline", 1000, 1800, 2, 3, 20, 30, 0, 1, 1},
    {"frontal", 1500, 2500, 2, 3, 25, 35, 0, 1, 1},
    {"crown", 1200, 2200, 2, 3, 20, 30, 0, 1, 1},
    {"front_and_crown", 2000, 3000, 2, 4, 30, 40, 0, 1, 1},
    {"full_top", 2500, 4000, 3, 4, 40, 50, 0, 1, 1},
    {"full_scalp", 3000, 5000, 3, 4, 40, 50, 60, 1, 2},
    {"density_light", 1200, 2000, 2, 3, 20, 30, 0, 1, 1},
    {"density_moderate", 1800, 3000, 2, 4, 30, 40, 0, 1, 1},
    {"density_extensive", 2500, 4000, 3, 4, 40, 50, 0, 1, 1},
    {"alopecia_patches", 800, 2000, 2, 4, 20, 30, 0, 1, 1},
    {"scar_fue", 800, 1800, 2, 3, 15, 30, 0, 1, 1},
    {"scar_fut", 1000, 2000, 2, 4, 15, 30, 0, 1, 1},
    {"scar_other_small", 600, 1200, 2, 3, 10, 20, 0, 1, 1},
    {"scar_other_large", 1500, 3000, 2, 4, 20, 40, 0, 1, 1},
    {"unknown", 1000, 5000, 2, 4, 20, 50, 0, 1, 1},
}};

}  // namespace

Config default_config() {
  Config config;
  for (const auto& row : kPackages) {
    PackageSpec spec;
    spec.id = row.id;
    spec.price = {row.low, row.high};
    spec.sessions = {row.sessions_min, row.sessions_max};
    spec.hours = {row.hours_min_tenths, row.hours_max_tenths};
    if (row.first_session_max_tenths > 0)
      spec.first_session_max_tenths = row.first_session_max_tenths;
    spec.touch_up_sessions = {row.touch_up_min, row.touch_up_max};
    config.pricing.packages[spec.id] = spec;
  }
  return config;
}

}  // namespace smp
