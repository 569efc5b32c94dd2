// The stage geometry table (smp/stage_geometry.hpp): the numbers the stage picker's diagrams used
// to keep in JavaScript, and the preview's regions, in one place.
#include "smp/stage_geometry.hpp"

#include <array>
#include <string>

#include "smp/stages.hpp"

namespace smp {
namespace {

constexpr StageGeometry norwood(std::string_view stage, int side, int temple, int forelock,
                                int crown, int front_temple, int front_middle,
                                bool picker_front = false) {
  StageGeometry g;
  g.scale = "norwood";
  g.stage = stage;
  g.side = side;
  g.temple = temple;
  g.forelock = forelock;
  g.crown = crown;
  g.front_temple = front_temple;
  g.front_middle = front_middle;
  g.picker_front = picker_front;
  return g;
}

constexpr StageGeometry thinning(std::string_view scale, std::string_view stage, int rx, int ry,
                                 int opacity, int part_tenths) {
  StageGeometry g;
  g.scale = scale;
  g.stage = stage;
  g.thin_rx = rx;
  g.thin_ry = ry;
  g.thin_opacity = opacity;
  g.part_tenths = part_tenths;
  return g;
}

constexpr StageGeometry with_bridge(StageGeometry g, StageBand bridge) {
  g.bridge = bridge;
  return g;
}
constexpr StageGeometry with_thin(StageGeometry g, StageBand thin) {
  g.thin = thin;
  return g;
}
constexpr StageGeometry narrowed(StageGeometry g) {
  g.narrow = true;
  return g;
}

constexpr StageGeometry crown_only() {
  StageGeometry g;
  g.scale = "crown_only";
  g.crown = 14;
  return g;
}

constexpr StageGeometry patches() {
  StageGeometry g;
  g.scale = "alopecia_areata";
  g.patches = 4;
  return g;
}

constexpr StageGeometry bald() {
  StageGeometry g;
  g.scale = "alopecia_totalis_universalis";
  g.bald = true;
  g.front_temple = 0;
  g.front_middle = 0;
  return g;
}

constexpr StageGeometry no_loss() {
  StageGeometry g;
  g.scale = "none";
  return g;
}

// Top-view numbers of the Norwood and Ludwig rows are the stage picker's as they were drawn in
// web/stage-diagrams.js; the front view of stages past IIIA (not in the picker) continues the
// recession, and the crown, diffuse, alopecia and "none" rows are the preview's own.
constexpr std::array<StageGeometry, 22> kRows{{
    norwood("I", 32, 21, 19, 0, 38, 36, true),
    norwood("II", 40, 31, 22, 0, 32, 36, true),
    norwood("IIA", 40, 29, 29, 0, 31, 31, true),
    norwood("III", 46, 40, 26, 0, 25, 33, true),
    norwood("IIIA", 50, 43, 43, 0, 24, 24, true),
    norwood("III_VERTEX", 46, 38, 25, 10, 25, 33),
    with_bridge(norwood("IV", 52, 47, 36, 13, 22, 29), {30, 57, 40, 7}),
    norwood("IVA", 56, 55, 55, 0, 21, 21),
    with_thin(norwood("V", 56, 54, 46, 17, 20, 25), {36, 54, 28, 8}),
    norwood("VA", 62, 68, 68, 0, 19, 19),
    norwood("VI", 64, 76, 76, 21, 17, 17),
    narrowed(norwood("VII", 78, 92, 92, 23, 16, 16)),
    thinning("ludwig", "I", 9, 22, 45, 20),
    thinning("ludwig", "II", 15, 28, 65, 35),
    thinning("ludwig", "III", 22, 33, 90, 50),
    crown_only(),
    thinning("diffuse", "mild", 20, 30, 40, 0),
    thinning("diffuse", "moderate", 25, 35, 60, 0),
    thinning("diffuse", "extensive", 29, 39, 85, 0),
    patches(),
    bald(),
    no_loss(),
}};

// The Norwood rows follow the one stage list, so a stage added there needs its row here.
constexpr bool norwood_rows_follow_stages() {
  for (std::size_t i = 0; i < kNorwoodStages.size(); ++i) {
    if (kRows[i].scale != "norwood" || kRows[i].stage != kNorwoodStages[i]) return false;
  }
  for (std::size_t i = 0; i < kLudwigStages.size(); ++i) {
    const StageGeometry& row = kRows[kNorwoodStages.size() + i];
    if (row.scale != "ludwig" || row.stage != kLudwigStages[i]) return false;
  }
  return true;
}
static_assert(norwood_rows_follow_stages(), "kRows must list kNorwoodStages, then kLudwigStages");

nlohmann::json band_json(const StageBand& band) {
  return nlohmann::json{
      {"x", band.x}, {"y", band.y}, {"width", band.width}, {"height", band.height}};
}

// Tenths and percents as the decimals the picker draws with (3.5, 0.45), exact in any JSON
// printer: one decimal digit from integers.
nlohmann::json decimal(int numerator, int denominator) {
  if (numerator % denominator == 0) return numerator / denominator;
  return static_cast<double>(numerator) / denominator;
}

}  // namespace

std::span<const StageGeometry> stage_geometry() {
  return kRows;
}

const StageGeometry* find_stage_geometry(std::string_view scale, std::string_view stage) {
  for (const StageGeometry& row : kRows) {
    if (row.scale == scale && row.stage == stage) return &row;
  }
  return nullptr;
}

nlohmann::json stage_table_json() {
  nlohmann::json out{{"format", "smp-consult/stage-table@1"}};
  for (const StageGeometry& row : kRows) {
    nlohmann::json r = nlohmann::json::object();
    if (row.side != 0) {
      r["side"] = row.side;
      r["temple"] = row.temple;
      r["forelock"] = row.forelock;
    }
    if (row.crown != 0) r["crown"] = row.crown;
    if (row.narrow) r["narrow"] = true;
    if (row.bridge.width != 0) r["bridge"] = band_json(row.bridge);
    if (row.thin.width != 0) r["thin"] = band_json(row.thin);
    if (row.thin_rx != 0) {
      r["rx"] = row.thin_rx;
      r["ry"] = row.thin_ry;
      r["opacity"] = decimal(row.thin_opacity, 100);
      r["part"] = decimal(row.part_tenths, 10);
    }
    if (row.patches != 0) r["patches"] = row.patches;
    if (row.bald) r["bald"] = true;
    r["front"] = nlohmann::json{{"temple", row.front_temple}, {"middle", row.front_middle}};
    if (row.picker_front) r["picker_front"] = true;
    const std::string stage = row.stage.empty() ? "-" : std::string(row.stage);
    out[std::string(row.scale)][stage] = std::move(r);
  }
  return out;
}

}  // namespace smp
