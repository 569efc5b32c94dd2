#pragma once
// How each hair-loss stage is drawn (SPEC §8): one row per stage with the regions its answers
// allow, the one table the stage picker's diagrams (web/stage-diagrams.js, through
// `smp-consult preview --stage-table`) and the result's preview (smp/preview.hpp) draw from.
// Adding a stage adds a row here.
//
// Coordinates are the diagrams' viewBox 0 0 100 112. Top view: the head is an ellipse at
// (50, 60) with radii 34 x 44, the front of the head at the top. Front view: the same ellipse
// is the face and scalp, the hairline a curve whose height is given at the temples and middle.
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

namespace smp {

/// A rounded band (x, y, width, height; rx = height / 2 - 0.5); width 0 = none.
struct StageBand {
  int x = 0, y = 0, width = 0, height = 0;
};

struct StageGeometry {
  /// "norwood", "ludwig", "crown_only", "diffuse", "none", or a cause drawn on its own
  /// ("alopecia_areata", "alopecia_totalis_universalis").
  std::string_view scale;
  /// The stage (norwood, ludwig) or extent (diffuse); "" for scales without one.
  std::string_view stage;
  // Top view, receding front: the bald front reaches `side` degrees round the head from the
  // front (0 = no receding front); the hairline sits at y `temple` at the temples and at
  // `forelock` in the middle.
  int side = 0;
  int temple = 0;
  int forelock = 0;
  int crown = 0;        ///< radius of the bald crown (0 = none)
  bool narrow = false;  ///< VII: the crown sits further forward (y 70) and wider
  StageBand bridge;     ///< IV: the band of hair still dividing front and crown
  StageBand thin;       ///< V: the thinning band left of that bridge
  // Top view, thinning over the top (Ludwig, diffuse): an ellipse at (50, 58) shown at
  // `thin_opacity` percent, and the parting widened to `part_tenths` / 10.
  int thin_rx = 0;
  int thin_ry = 0;
  int thin_opacity = 0;
  int part_tenths = 0;
  int patches = 0;    ///< alopecia areata: this many bald patches, placed by the seeded PRNG
  bool bald = false;  ///< no hair at all (alopecia totalis / universalis)
  // Front view: the hairline's height at the temples and in the middle (smaller y = further
  // back); below 19 no hair shows on the top from the front.
  int front_temple = 38;
  int front_middle = 36;
  bool picker_front = false;  ///< the stage picker shows the front view beside the top view
};

/// Every row, Norwood stages first in smp::kNorwoodStages order, then Ludwig's.
std::span<const StageGeometry> stage_geometry();
/// The row for a scale and stage (or extent), or nullptr.
const StageGeometry* find_stage_geometry(std::string_view scale, std::string_view stage);
/// {"format":"smp-consult/stage-table@1","norwood":{"I":{...}},"ludwig":{...},...}: what
/// `smp-consult preview --stage-table` prints and scripts/build-web turns into stage-table.js.
nlohmann::json stage_table_json();

}  // namespace smp
