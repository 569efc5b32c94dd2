// The preview renderer (smp/preview.hpp): SVG text built from the stage geometry table, the
// packages select_packages() picks and a PRNG seeded from the answers. Numbers are written with
// integer arithmetic (no printf: the wasm's libc_slim formats no floats).
#include "smp/preview.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>

#include "smp/answers.hpp"
#include "smp/consultation.hpp"
#include "smp/json_text.hpp"
#include "smp/markup_text.hpp"
#include "smp/messages.hpp"
#include "smp/stage_geometry.hpp"

namespace smp {
namespace {

using nlohmann::json;

// The head of the top view (the stage picker's): centre and radii.
constexpr double kCx = 50, kCy = 60, kRx = 34, kRy = 44;
constexpr double kPi = 3.14159265358979323846;

// Areas in drawing order; package_areas() lists a package's in this order too.
constexpr std::array<std::string_view, 7> kAreaOrder{"hairline", "front",   "top",  "crown",
                                                     "sides",    "patches", "scars"};

struct PackageAreas {
  std::string_view package;
  std::array<std::string_view, 5> areas;
  std::size_t count;
};

// DOMAIN 3.5: where each package puts pigment. Density work keeps the visitor's own hairline
// (it needs an intact one), so no density package lists "hairline".
constexpr std::array<PackageAreas, 14> kPackageAreas{{
    {"hairline", {"hairline"}, 1},
    {"frontal", {"hairline", "front"}, 2},
    {"crown", {"crown"}, 1},
    {"front_and_crown", {"hairline", "front", "crown"}, 3},
    {"full_top", {"hairline", "front", "top", "crown"}, 4},
    {"full_scalp", {"hairline", "front", "top", "crown", "sides"}, 5},
    {"density_light", {"top"}, 1},
    {"density_moderate", {"top", "crown"}, 2},
    {"density_extensive", {"front", "top", "crown"}, 3},
    {"alopecia_patches", {"patches"}, 1},
    {"scar_fue", {"scars"}, 1},
    {"scar_fut", {"scars"}, 1},
    {"scar_other_small", {"scars"}, 1},
    {"scar_other_large", {"scars"}, 1},
}};

// Scalp tone and pigment shade per Fitzpatrick type (DOMAIN 2.6: pigment choice only; on fair
// skin a softer, diluted grey, on darker skin a deeper black). Index 0: not answered.
struct Palette {
  const char* skin;
  const char* pigment;
  const char* scar;
  const char* line;
};
constexpr std::array<Palette, 7> kPalettes{{
    {"#e3b896", "#3b3430", "#f0d9c6", "#6d5646"},
    {"#f5dccb", "#5a5450", "#fcefe6", "#8a6d5c"},
    {"#ecc7a8", "#4c4642", "#f8e4d4", "#83644f"},
    {"#d8a57f", "#3d3733", "#ecc9ad", "#6f5140"},
    {"#b9845a", "#2e2824", "#d4a884", "#5a3e2c"},
    {"#8c5a39", "#221c18", "#ad7d5b", "#3f2a1c"},
    {"#5f3c26", "#171210", "#84593e", "#2b1c12"},
}};
constexpr const char* kHair = "#2b231e";

// splitmix64: small, fast and the same on every platform.
class Prng {
 public:
  explicit Prng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
  }

 private:
  std::uint64_t state_;
};

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ull) {
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

void append_int(std::string& out, long long value) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out += digits[--n];
}

// One decimal, no trailing ".0": enough for a 100-unit viewBox drawn a few hundred px wide.
std::string num(double value) {
  const long long tenths = std::llround(value * 10);
  std::string out;
  if (tenths < 0) out += '-';
  const long long magnitude = tenths < 0 ? -tenths : tenths;
  append_int(out, magnitude / 10);
  if (magnitude % 10 != 0) {
    out += '.';
    out += static_cast<char>('0' + magnitude % 10);
  }
  return out;
}

// Two decimals, for the stipple's dots.
std::string num2(double value) {
  const long long hundredths = std::llround(value * 100);
  std::string out;
  append_int(out, hundredths / 100);
  const long long rest = hundredths % 100;
  if (rest != 0) {
    out += '.';
    out += static_cast<char>('0' + rest / 10);
    if (rest % 10 != 0) out += static_cast<char>('0' + rest % 10);
  }
  return out;
}

struct Point {
  double x, y;
};

Point on_head(double degrees) {
  const double t = degrees * kPi / 180;
  return {kCx + kRx * std::sin(t), kCy - kRy * std::cos(t)};
}

// The picker's frontBald(): the bald front from the hairline forward, top view.
std::string front_bald_path(const StageGeometry& g) {
  const Point l = on_head(-g.side), r = on_head(g.side);
  const double t = g.temple, f = g.forelock;
  return "M" + num(l.x) + " " + num(l.y) + " A34 44 0 0 1 " + num(r.x) + " " + num(r.y) + " Q" +
         num(r.x - 3) + " " + num(t) + " " + num(kCx + 13) + " " + num(t) + " Q" + num(kCx + 6) +
         " " + num(f) + " 50 " + num(f) + " Q" + num(kCx - 6) + " " + num(f) + " " + num(kCx - 13) +
         " " + num(t) + " Q" + num(l.x + 3) + " " + num(t) + " " + num(l.x) + " " + num(l.y) + "Z";
}

// The picker's front(): the hair seen from the front, down to the hairline.
std::string front_hair_path(int temple, int middle) {
  const std::string t = num(temple), m = num(middle);
  return "M17 58 A34 44 0 0 1 83 58 L80 48 Q77 " + t + " 70 " + t + " Q58 " + m + " 50 " + m +
         " Q42 " + m + " 30 " + t + " Q23 " + t + " 20 48Z";
}

// The designed hairline (the treated "hairline" area): soft follows a natural curve, defined
// is crisp with temple points. Top view: a band behind the hairline; front view: a band above
// it, and the whole cap for the areas behind.
constexpr const char* kTopHairlineSoft =
    "M24 31.7 Q27 22 38 20 Q50 17.5 62 20 Q73 22 76 31.7 L73 36 Q66 28 50 28.5 Q34 28 27 36Z";
constexpr const char* kTopHairlineDefined =
    "M24 31.7 L25.5 24 L31 25.5 L37 20.5 L50 19 L63 20.5 L69 25.5 L74.5 24 L76 31.7 L73 36 L66 "
    "29 L50 28.5 L34 29 L27 36Z";
constexpr const char* kFrontEdgeSoft = "M20 48 Q23 36 30 36 Q42 34 50 34 Q58 34 70 36 Q77 36 80 48";
constexpr const char* kFrontEdgeDefined =
    "M20 48 L21 40 L25 42.5 L30 36 L50 34 L70 36 L75 42.5 L79 40 L80 48";
constexpr const char* kFrontBandBack =
    " L80 40 Q76 26 66 26 Q58 24 50 24 Q42 24 34 26 Q24 26 20 40Z";
constexpr const char* kFrontCapSoft =
    "M17 58 A34 44 0 0 1 83 58 L80 48 Q77 36 70 36 Q58 34 50 34 Q42 34 30 36 Q23 36 20 48Z";
constexpr const char* kFrontCapDefined =
    "M17 58 A34 44 0 0 1 83 58 L80 48 L79 40 L75 42.5 L70 36 L50 34 L30 36 L25 42.5 L21 40 L20 "
    "48Z";

struct Drawing {
  const StageGeometry* stage = nullptr;  ///< the pattern's row (nullptr: patches only)
  int patches = 0;                       ///< alopecia areata
  bool bald = false;
  std::string stage_id;  ///< data-stage, e.g. norwood-V
};

class Svg {
 public:
  explicit Svg(std::string id) : id_(std::move(id)) { out_.reserve(6000); }
  std::string& out() { return out_; }
  const std::string& id() const { return id_; }
  std::string ref(std::string_view suffix) const {
    return "url(#" + id_ + "-" + std::string(suffix) + ")";
  }
  void add(std::string_view text) { out_ += text; }

 private:
  std::string id_;
  std::string out_;
};

struct Scene {
  const Answers& answers;
  const Drawing& drawing;
  const PreviewOptions& options;
  const Palette& palette;
  const std::vector<std::string>& areas;
  bool keep_length;
  std::uint64_t seed;
};

bool has_area(const std::vector<std::string>& areas, std::string_view area) {
  return std::find(areas.begin(), areas.end(), area) != areas.end();
}

// A seeded tile of dots: stubble-dense and crisp for the shaved look, sparse and soft under
// longer hair. One <pattern>, painted once through a mask of the treated shapes, keeps the
// picture a few KB and overlapping areas no darker than the rest.
void stipple_pattern(Svg& svg, const Scene& scene) {
  Prng prng(scene.seed ^ 0x5eedu);
  // One dot per cell of a grid, jittered inside its cell: an even shade with no clumps or gaps,
  // whose tile seams the jitter hides.
  constexpr double kTile = 6;
  const int cells = scene.keep_length ? 3 : 6;
  const double cell = kTile / cells;
  const double radius = scene.keep_length ? 0.3 : 0.3;
  std::string& out = svg.out();
  out += "<pattern id=\"" + svg.id() + "-p\" width=\"6\" height=\"6\" " +
         "patternUnits=\"userSpaceOnUse\" fill=\"" + scene.palette.pigment + "\">";
  for (int row = 0; row < cells; ++row) {
    for (int column = 0; column < cells; ++column) {
      const double r = radius * prng.uniform(0.75, 1.2);
      const double x = column * cell + prng.uniform(r, cell - r);
      const double y = row * cell + prng.uniform(r, cell - r);
      out += "<circle cx=\"" + num2(x) + "\" cy=\"" + num2(y) + "\" r=\"" + num2(r) + "\"/>";
    }
  }
  out += "</pattern>";
}

struct PatchShape {
  double cx, cy, rx, ry;
};

std::vector<PatchShape> patch_shapes(int count, std::uint64_t seed) {
  Prng prng(seed ^ 0xa1a1u);
  std::vector<PatchShape> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(
        {prng.uniform(32, 68), prng.uniform(30, 88), prng.uniform(5, 8.5), prng.uniform(4.5, 7.5)});
  }
  return out;
}

void ellipse(std::string& out, double cx, double cy, double rx, double ry, std::string_view attrs) {
  out += "<ellipse cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" rx=\"" + num(rx) + "\" ry=\"" +
         num(ry) + "\"";
  if (!attrs.empty()) {
    out += ' ';
    out += attrs;
  }
  out += "/>";
}

void head_ellipse(std::string& out, std::string_view attrs) {
  ellipse(out, kCx, kCy, kRx, kRy, attrs);
}

// Scars where the answers put them (types, not positions): a strip scar across the back, FUE
// dots over the donor area, other scars at seeded spots. `treated` draws the area around each
// scar instead (white, for the mask of the treated shapes).
void scars_top(std::string& out, const Scene& scene, bool treated) {
  int index = 0;
  bool strip_drawn = false, dots_drawn = false;
  for (const Scar& scar : scene.answers.scars) {
    Prng prng(scene.seed ^ (0x5ca7u + static_cast<std::uint64_t>(index++) * 7919u));
    // Strip and FUE scars are in the donor area at the back: several of a kind are drawn once (as
    // they are one camouflage job), which also keeps 20 scars under the size budget.
    bool& drawn = scar.type == ScarType::kFutStrip ? strip_drawn : dots_drawn;
    if (scar.type == ScarType::kFutStrip || scar.type == ScarType::kFueDots) {
      if (drawn) continue;
      drawn = true;
    }
    const std::string fill = treated ? "#fff" : scene.palette.scar;
    const std::string marker = treated ? " data-area=\"scars\""
                                       : " data-scar=\"" + std::string(to_string(scar.type)) + "\"";
    switch (scar.type) {
      case ScarType::kFutStrip:
        out += "<path d=\"M27 94 Q50 102 73 94\" fill=\"none\" stroke=\"" + fill +
               "\" stroke-width=\"" + (treated ? "5" : "1.6") + "\" stroke-linecap=\"round\"" +
               marker + "/>";
        break;
      case ScarType::kFueDots:
        if (treated) {
          ellipse(out, 50, 93, 19, 7, "fill=\"" + fill + "\"" + marker);
        } else {
          out += "<g fill=\"" + fill + "\"" + marker + ">";
          for (int i = 0; i < 14; ++i) {
            ellipse(out, prng.uniform(34, 66), prng.uniform(88, 98), 0.8, 0.8, "");
          }
          out += "</g>";
        }
        break;
      case ScarType::kOtherSmall:
      case ScarType::kOtherLarge: {
        const bool large = scar.type == ScarType::kOtherLarge;
        const double cx = prng.uniform(36, 64), cy = prng.uniform(40, 84);
        const double rx = large ? prng.uniform(6, 9) : 3.5, ry = large ? prng.uniform(3, 5) : 0.9;
        const double grow = treated ? 2 : 0;
        ellipse(out, cx, cy, rx + grow, ry + grow, "fill=\"" + fill + "\"" + marker);
        break;
      }
    }
  }
}

// The today picture's bald and thinning regions (top view) in `fill`: skin over the hair, or
// black in the shaved look's mask (no stubble where nothing grows and nothing is treated).
void bald_regions_top(std::string& out, const Scene& scene, const std::string& fill) {
  const StageGeometry* g = scene.drawing.stage;
  if (g != nullptr) {
    if (g->side != 0) out += "<path d=\"" + front_bald_path(*g) + "\" fill=\"" + fill + "\"/>";
    if (g->crown != 0) {
      const double cy = g->narrow ? 70 : 80;
      ellipse(out, kCx, cy, g->crown * (g->narrow ? 1.3 : 1.0), g->crown * 1.1,
              "fill=\"" + fill + "\"");
    }
    if (g->thin.width != 0) {
      out += "<rect x=\"" + num(g->thin.x) + "\" y=\"" + num(g->thin.y) + "\" width=\"" +
             num(g->thin.width) + "\" height=\"" + num(g->thin.height) + "\" rx=\"3\" fill=\"" +
             fill + "\" opacity=\".55\"/>";
    }
    if (g->thin_rx != 0) {
      ellipse(out, kCx, 58, g->thin_rx, g->thin_ry,
              "fill=\"" + fill + "\" opacity=\"" + num2(g->thin_opacity / 100.0) + "\"");
      const double part = g->part_tenths / 10.0;
      if (part > 0) {
        out += "<rect x=\"" + num2(kCx - part / 2) + "\" y=\"24\" width=\"" + num2(part) +
               "\" height=\"56\" rx=\"" + num2(part / 2) + "\" fill=\"" + fill + "\"/>";
      }
    }
  }
  for (const PatchShape& p : patch_shapes(scene.drawing.patches, scene.seed)) {
    ellipse(out, p.cx, p.cy, p.rx, p.ry, "fill=\"" + fill + "\"");
  }
}

void bridge_top(std::string& out, const Scene& scene, const std::string& fill) {
  if (scene.drawing.stage == nullptr || scene.drawing.stage->bridge.width == 0) return;
  // IV: the band of hair between front and crown stays.
  const StageBand& b = scene.drawing.stage->bridge;
  out += "<rect x=\"" + num(b.x) + "\" y=\"" + num(b.y) + "\" width=\"" + num(b.width) +
         "\" height=\"" + num(b.height) + "\" rx=\"3\" fill=\"" + fill + "\"/>";
}

// The treated shapes of the top view in white (they make the mask), each marked with its area.
void treated_top(std::string& out, const Scene& scene) {
  for (const std::string& area : scene.areas) {
    const std::string attrs = "fill=\"#fff\" data-area=\"" + area + "\"";
    if (area == "hairline") {
      out += std::string("<path d=\"") +
             (scene.options.style == HairlineStyle::kDefined ? kTopHairlineDefined
                                                             : kTopHairlineSoft) +
             "\" " + attrs + "/>";
    } else if (area == "front") {
      out += "<path d=\"M16 34 Q27 26 50 28 Q73 26 84 34 L86 47 L14 47Z\" " + attrs + "/>";
    } else if (area == "top") {
      out += "<rect x=\"14\" y=\"45\" width=\"72\" height=\"26\" " + attrs + "/>";
    } else if (area == "crown") {
      ellipse(out, kCx, 80, 21, 20, attrs);
    } else if (area == "sides") {
      out += "<path d=\"M14 40 Q30 24 50 28 Q70 24 86 40 L90 112 L10 112Z\" " + attrs + "/>";
    } else if (area == "patches") {
      for (const PatchShape& p : patch_shapes(scene.drawing.patches, scene.seed)) {
        ellipse(out, p.cx, p.cy, p.rx + 1, p.ry + 1, attrs);
      }
    }
  }
  if (has_area(scene.areas, "scars")) scars_top(out, scene, true);
}

// The treated shapes of the front view in white. The crown, patches and scars are behind the
// top of the head: not seen from the front.
void treated_front(std::string& out, const Scene& scene) {
  const bool defined = scene.options.style == HairlineStyle::kDefined;
  for (const std::string& area : scene.areas) {
    const std::string attrs = "fill=\"#fff\" data-area=\"" + area + "\"";
    if (area == "hairline") {
      out += std::string("<path d=\"") + (defined ? kFrontEdgeDefined : kFrontEdgeSoft) +
             kFrontBandBack + "\" " + attrs + "/>";
    } else if (area == "front") {
      out += std::string("<path d=\"") + (defined ? kFrontCapDefined : kFrontCapSoft) + "\" " +
             attrs + "/>";
    } else if (area == "top") {
      out += "<rect x=\"14\" y=\"14\" width=\"72\" height=\"14\" " + attrs + "/>";
    } else if (area == "sides") {
      out +=
          "<path d=\"M14 40 L24 40 L22 64 L14 64Z M76 40 L86 40 L86 64 L78 64Z\" " + attrs + "/>";
    }
  }
}

void svg_open(Svg& svg, const Scene& scene, const std::string& alt) {
  std::string& out = svg.out();
  out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 112\" role=\"img\" "
      "aria-labelledby=\"" +
      svg.id() + "-t\" data-view=\"" + to_string(scene.options.view) + "\" data-state=\"" +
      to_string(scene.options.state) + "\" data-style=\"" + to_string(scene.options.style) +
      "\" data-stage=\"" + markup_escaped(scene.drawing.stage_id) + "\"><title id=\"" + svg.id() +
      "-t\">";
  append_markup_escaped(out, alt);
  out += "</title>";
}

// How the picture is painted: today (or nothing to treat), the shaved look with SMP (the hair
// left is shaved to stubble too, the shade the treated areas blend into), or the shadow under
// longer hair.
enum class Paint { kToday, kShaved, kShadow };

Paint paint_of(const Scene& scene) {
  if (scene.options.state == PreviewState::kToday || scene.areas.empty()) return Paint::kToday;
  return scene.keep_length ? Paint::kShadow : Paint::kShaved;
}

// The pattern, the head clip and the mask: white where the stipple goes.
void defs(Svg& svg, const Scene& scene, Paint paint) {
  std::string& out = svg.out();
  out += "<defs><clipPath id=\"" + svg.id() + "-h\">";
  head_ellipse(out, "");
  out += "</clipPath>";
  if (paint != Paint::kToday) {
    stipple_pattern(svg, scene);
    out += "<mask id=\"" + svg.id() + "-m\"><g clip-path=\"" + svg.ref("h") + "\">";
    const bool top = scene.options.view == PreviewView::kTop;
    if (paint == Paint::kShaved && !scene.drawing.bald) {
      if (top) {
        head_ellipse(out, "fill=\"#fff\"");
        bald_regions_top(out, scene, "#000");
        bridge_top(out, scene, "#fff");
      } else {
        const StageGeometry* g = scene.drawing.stage;
        out += "<path d=\"" +
               front_hair_path(g != nullptr ? g->front_temple : 38,
                               g != nullptr ? g->front_middle : 36) +
               "\" fill=\"#fff\"/>";
      }
    }
    if (top) {
      treated_top(out, scene);
    } else {
      treated_front(out, scene);
    }
    out += "</g></mask>";
  }
  out += "</defs>";
}

// Stubble through the mask; or, under longer hair, a shadow of pigment and its sparse dots where
// the scalp shows today (the bald and thinning regions, at their own opacity) within the mask.
void stipple(Svg& svg, const Scene& scene, Paint paint) {
  std::string& out = svg.out();
  const std::string mask = "mask=\"" + svg.ref("m") + "\"";
  if (paint == Paint::kShaved) {
    out += "<rect width=\"100\" height=\"112\" fill=\"" + svg.ref("p") + "\" " + mask + "/>";
    return;
  }
  if (paint != Paint::kShadow) return;
  const auto scalp_showing = [&](const std::string& fill) {
    if (scene.options.view == PreviewView::kTop) {
      if (scene.drawing.bald) {
        head_ellipse(out, "fill=\"" + fill + "\"");
      } else {
        bald_regions_top(out, scene, fill);
      }
      return;
    }
    const StageGeometry* g = scene.drawing.stage;
    out += std::string("<path d=\"") + kFrontCapSoft + "\" fill=\"" + fill + "\"/>";
    if (g != nullptr && g->thin_rx != 0) {
      ellipse(out, kCx, 22, g->thin_rx * 1.1, g->thin_ry * 0.25, "fill=\"" + fill + "\"");
    }
  };
  out += "<g " + mask + "><g opacity=\".3\">";
  scalp_showing(scene.palette.pigment);
  out += "</g>";
  scalp_showing(svg.ref("p"));
  out += "</g>";
}

// What both views start with: the stipple's definitions, and the attributes of the skin shapes
// drawn with an outline (ears, nose), in the scene's tones.
std::string begin_view(Svg& svg, const Scene& scene, Paint paint) {
  defs(svg, scene, paint);
  return "fill=\"" + std::string(scene.palette.skin) + "\" stroke=\"" + scene.palette.line +
         "\" stroke-width=\".6\"";
}

void ears(std::string& out, int y, const std::string& outlined) {
  ellipse(out, 15, y, 5, 9, outlined);
  ellipse(out, 85, y, 5, 9, outlined);
}

void draw_top(Svg& svg, const Scene& scene) {
  std::string& out = svg.out();
  const Palette& pal = scene.palette;
  const Paint paint = paint_of(scene);
  const std::string outlined = begin_view(svg, scene, paint);
  const std::string skin = pal.skin;
  out += "<path d=\"M44 12 L50 3 L56 12Z\" " + outlined + "/>";
  ears(out, 62, outlined);
  if (scene.drawing.bald || paint == Paint::kShaved) {
    head_ellipse(out, "fill=\"" + skin + "\"");
  } else {
    head_ellipse(out, std::string("fill=\"") + kHair + "\"");
    out += "<g clip-path=\"" + svg.ref("h") + "\">";
    bald_regions_top(out, scene, skin);
    bridge_top(out, scene, kHair);
    out += "</g>";
  }
  scars_top(out, scene, false);
  stipple(svg, scene, paint);
  head_ellipse(out, "fill=\"none\" stroke=\"" + std::string(pal.line) + "\" stroke-width=\".8\"");
}

void draw_front(Svg& svg, const Scene& scene) {
  std::string& out = svg.out();
  const Palette& pal = scene.palette;
  const Paint paint = paint_of(scene);
  const std::string outlined = begin_view(svg, scene, paint);
  const std::string skin = pal.skin;
  ears(out, 66, outlined);
  head_ellipse(out, "fill=\"" + skin + "\"");
  const StageGeometry* g = scene.drawing.stage;
  if (!scene.drawing.bald && paint != Paint::kShaved) {
    out +=
        "<g clip-path=\"" + svg.ref("h") + "\"><path d=\"" +
        front_hair_path(g != nullptr ? g->front_temple : 38, g != nullptr ? g->front_middle : 36) +
        "\" fill=\"" + kHair + "\"/>";
    if (g != nullptr && g->thin_rx != 0) {
      ellipse(out, kCx, 22, g->thin_rx * 1.1, g->thin_ry * 0.25,
              "fill=\"" + skin + "\" opacity=\"" + num2(g->thin_opacity / 100.0) + "\"");
    }
    out += "</g>";
  }
  stipple(svg, scene, paint);
  out +=
      "<path d=\"M33 66 Q39 63 45 66 M55 66 Q61 63 67 66 M50 72 L47 84 L52 85\" fill=\"none\" "
      "stroke=\"" +
      std::string(pal.line) + "\" stroke-width=\".8\" stroke-linecap=\"round\"/>";
  head_ellipse(out, "fill=\"none\" stroke=\"" + std::string(pal.line) + "\" stroke-width=\".8\"");
}

Diagnostic not_drawable(std::string pointer, const Messages& texts) {
  return Diagnostic{std::move(pointer), "not_drawable", texts.text("preview.error.not_drawable")};
}

// The row to draw for the answers, or the diagnostic that says why there is none.
Result<Drawing> drawing_for(const Answers& answers, const Messages& texts) {
  Result<Drawing> result;
  Drawing d;
  const Pattern& p = answers.pattern;
  if (answers.cause == Cause::kAlopeciaTotalisUniversalis) {
    d.stage = find_stage_geometry("alopecia_totalis_universalis", "");
    d.bald = true;
    d.stage_id = "alopecia_totalis_universalis";
    result.value = d;
    return result;
  }
  const char* scale = nullptr;
  std::string_view stage;
  switch (p.scale) {
    case Scale::kNorwood: scale = "norwood", stage = p.stage; break;
    case Scale::kLudwig: scale = "ludwig", stage = p.stage; break;
    case Scale::kDiffuse: scale = "diffuse", stage = p.extent; break;
    case Scale::kCrownOnly: scale = "crown_only"; break;
    case Scale::kNone: scale = "none"; break;
    case Scale::kUnsure:
    case Scale::kUnanswered: break;
  }
  if (scale != nullptr) {
    d.stage = find_stage_geometry(scale, stage);
    d.stage_id = std::string(scale) + (stage.empty() ? "" : "-" + std::string(stage));
  }
  if (answers.cause == Cause::kAlopeciaAreata) {
    d.patches = find_stage_geometry("alopecia_areata", "")->patches;
    if (d.stage == nullptr) d.stage_id = "alopecia_areata";
  } else if (d.stage == nullptr) {
    const bool scale_known = scale != nullptr;
    const char* pointer = !scale_known                 ? "/answers/pattern/scale"
                          : p.scale == Scale::kDiffuse ? "/answers/pattern/extent"
                                                       : "/answers/pattern/stage";
    result.errors.push_back(not_drawable(pointer, texts));
    return result;
  }
  result.value = d;
  return result;
}

std::string list_text(const std::vector<std::string>& items, const Messages& texts) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " " + texts.text("preview.list.and") + " " : ", ";
    out += items[i];
  }
  return out;
}

std::string pattern_text(const Answers& answers, const Messages& texts) {
  if (answers.cause == Cause::kAlopeciaTotalisUniversalis) {
    return texts.text("preview.pattern.alopecia_totalis_universalis");
  }
  if (answers.cause == Cause::kAlopeciaAreata) return texts.text("preview.pattern.alopecia_areata");
  const Pattern& p = answers.pattern;
  switch (p.scale) {
    case Scale::kNorwood:
      return texts.text("preview.pattern.norwood",
                        {{"stage", texts.text("option.norwood_stage." + p.stage)}});
    case Scale::kLudwig:
      return texts.text("preview.pattern.ludwig",
                        {{"stage", texts.text("option.ludwig_stage." + p.stage)}});
    case Scale::kDiffuse:
      return texts.text("preview.pattern.diffuse",
                        {{"extent", texts.text("option.diffuse_extent." + p.extent)}});
    case Scale::kCrownOnly: return texts.text("preview.pattern.crown_only");
    default: return texts.text("preview.pattern.none");
  }
}

Diagnostic option_error(const std::string& key, std::string code, std::string message) {
  return Diagnostic{"/options/" + escape_pointer_token(key), std::move(code), std::move(message)};
}

}  // namespace

const char* to_string(PreviewView view) {
  return view == PreviewView::kFront ? "front" : "top";
}
const char* to_string(PreviewState state) {
  return state == PreviewState::kToday ? "today" : "smp";
}
const char* to_string(HairlineStyle style) {
  return style == HairlineStyle::kDefined ? "defined" : "soft";
}

std::span<const std::string_view> package_areas(std::string_view package) {
  for (const PackageAreas& row : kPackageAreas) {
    if (row.package == package) return std::span(row.areas).first(row.count);
  }
  return {};
}

Result<PreviewOptions> parse_preview_options(const json& options) {
  Result<PreviewOptions> result;
  PreviewOptions parsed;
  if (options.is_null()) {
    result.value = parsed;
    return result;
  }
  if (!options.is_object()) {
    result.errors.push_back({"/options", "wrong_type", "options must be a JSON object"});
    return result;
  }
  for (auto it = options.begin(); it != options.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    const auto pick = [&](std::string_view a, std::string_view b) -> int {
      if (!value.is_string()) return -1;
      const std::string& text = value.get_ref<const std::string&>();
      return text == a ? 0 : text == b ? 1 : -1;
    };
    int choice = -1;
    if (key == "view") {
      choice = pick("top", "front");
      if (choice >= 0) parsed.view = choice == 0 ? PreviewView::kTop : PreviewView::kFront;
      if (choice < 0)
        result.errors.push_back(option_error(key, "invalid_value", "must be \"top\" or \"front\""));
    } else if (key == "state") {
      choice = pick("today", "smp");
      if (choice >= 0) parsed.state = choice == 0 ? PreviewState::kToday : PreviewState::kSmp;
      if (choice < 0)
        result.errors.push_back(option_error(key, "invalid_value", "must be \"today\" or \"smp\""));
    } else if (key == "style") {
      choice = pick("soft", "defined");
      if (choice >= 0) parsed.style = choice == 0 ? HairlineStyle::kSoft : HairlineStyle::kDefined;
      if (choice < 0)
        result.errors.push_back(
            option_error(key, "invalid_value", "must be \"soft\" or \"defined\""));
    } else {
      result.errors.push_back(
          option_error(key, "unknown_option", "unknown option (view, state, style)"));
    }
  }
  if (result.errors.empty()) result.value = parsed;
  return result;
}

Result<Preview> render_preview(const json& answers_document, const Config& config,
                               const PreviewOptions& options, const std::string& locale) {
  Result<Preview> result;
  const Messages texts(config, resolve_locale(config, locale));
  // No consultation date: any date the answers may hold is accepted (the result screen, which
  // shows this picture, has checked them against the real one).
  const Date as_of{std::chrono::year{kLastYear}, std::chrono::December, std::chrono::day{31}};
  Result<Answers> parsed = parse_answers(answers_document, as_of, Completeness::kPartial);
  if (!parsed.ok()) {
    localize_diagnostics(parsed.errors, texts);
    for (Diagnostic& d : parsed.errors) d.pointer = "/answers" + d.pointer;
    result.errors = std::move(parsed.errors);
    return result;
  }
  const Answers& answers = *parsed.value;
  Result<Drawing> drawing = drawing_for(answers, texts);
  if (!drawing.ok()) {
    result.errors = std::move(drawing.errors);
    return result;
  }

  // The treated areas come from the core's own package selection (primary and add-ons).
  const std::vector<PackagePick> picks = select_packages(answers, config);
  std::vector<std::string> areas;
  for (std::string_view area : kAreaOrder) {
    for (const PackagePick& pick : picks) {
      const auto listed = package_areas(pick.id);
      if (std::find(listed.begin(), listed.end(), area) != listed.end()) {
        areas.emplace_back(area);
        break;
      }
    }
  }
  const bool hairline = has_area(areas, "hairline");
  // keep_length shades under the visitor's own hair, except where the core planned a shaved
  // look anyway (VI/VII: advisory keep_length_not_feasible).
  const bool keep_length = answers.desired_look == Look::kKeepLength && !picks.empty() &&
                           picks.front().id != "full_top" && picks.front().id != "full_scalp";

  Preview preview;
  preview.options = options;
  if (!hairline) preview.options.style = HairlineStyle::kSoft;
  if (hairline) preview.styles = {"soft", "defined"};
  preview.areas = areas;

  const std::string seed_text = dump_json(answers_document);
  const std::uint64_t seed = fnv1a(seed_text);
  const int fitzpatrick = answers.fitzpatrick.value_or(0);
  const Palette& palette =
      kPalettes[static_cast<std::size_t>(fitzpatrick >= 1 && fitzpatrick <= 6 ? fitzpatrick : 0)];

  // The alt text, change sentence and caption.
  std::vector<std::string> area_names;
  for (const std::string& area : areas) area_names.push_back(texts.text("preview.area." + area));
  const std::string look = keep_length ? "keep_length" : "shaved";
  preview.change = areas.empty() ? texts.text("preview.change.none")
                                 : texts.text("preview.change." + look,
                                              {{"areas", list_text(area_names, texts)}});
  const std::string view = texts.text(std::string("preview.view.") + to_string(options.view));
  if (options.state == PreviewState::kToday) {
    preview.alt = texts.text("preview.alt.today",
                             {{"view", view},
                              {"pattern", pattern_text(answers, texts)},
                              {"scars", answers.scars.empty() || options.view == PreviewView::kFront
                                            ? ""
                                            : texts.text("preview.alt.scars")}});
  } else {
    preview.alt = texts.text("preview.alt.smp", {{"view", view}, {"change", preview.change}});
    if (hairline) {
      preview.alt += texts.text("preview.alt.hairline",
                                {{"style", texts.text(std::string("preview.style.") +
                                                      to_string(preview.options.style))}});
    }
  }
  preview.caption = texts.text("preview.caption");

  // Ids unique to this picture, so several inline SVGs on one page never share a clip or pattern.
  std::string id_text = seed_text;
  id_text += to_string(preview.options.view);
  id_text += to_string(preview.options.state);
  id_text += to_string(preview.options.style);
  const std::uint64_t id_hash = fnv1a(id_text);
  std::string id = "smp";
  constexpr char kHex[] = "0123456789abcdef";
  for (int shift = 28; shift >= 0; shift -= 4) id += kHex[(id_hash >> shift) & 0xf];

  const Scene scene{answers, *drawing.value, preview.options, palette, areas, keep_length, seed};
  Svg svg(id);
  svg_open(svg, scene, preview.alt);
  if (preview.options.view == PreviewView::kTop) {
    draw_top(svg, scene);
  } else {
    draw_front(svg, scene);
  }
  svg.add("</svg>");
  preview.svg = std::move(svg.out());
  result.value = std::move(preview);
  return result;
}

json preview_json(const json& answers, const json& options, const Config& config,
                  const std::string& locale) {
  const auto failure = [](const Diagnostics& errors) {
    json list = json::array();
    for (const Diagnostic& d : errors) {
      list.push_back(json{{"pointer", d.pointer}, {"code", d.code}, {"message", d.message}});
    }
    return json{{"ok", false}, {"errors", std::move(list)}};
  };
  Result<PreviewOptions> parsed = parse_preview_options(options);
  if (!parsed.ok()) return failure(parsed.errors);
  if (!answers.is_object()) {
    return failure({{"/answers", "wrong_type", "answers must be a JSON object"}});
  }
  Result<Preview> rendered = render_preview(answers, config, *parsed.value, locale);
  if (!rendered.ok()) return failure(rendered.errors);
  const Preview& p = *rendered.value;
  return json{{"ok", true},
              {"svg", p.svg},
              {"view", to_string(p.options.view)},
              {"state", to_string(p.options.state)},
              {"style", to_string(p.options.style)},
              {"styles", p.styles},
              {"areas", p.areas},
              {"alt", p.alt},
              {"change", p.change},
              {"caption", p.caption}};
}

}  // namespace smp
