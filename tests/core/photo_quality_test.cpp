// The on-device photo quality check (SPEC §8) on generated images: exposure, blur at the working
// size, the photo's size, the clinic's thresholds and the catalogue's texts.
#include <cstdint>
#include <vector>

#include "smp/photos.hpp"
#include "test_support.hpp"

namespace {

namespace t = smp::test;

// An RGBA image filled by `luma(x, y)` (grey pixels: R = G = B), as a canvas hands it over.
template <class Fn>
std::vector<std::uint8_t> rgba(int width, int height, Fn luma) {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(static_cast<size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const auto v = static_cast<std::uint8_t>(luma(x, y));
      bytes.insert(bytes.end(), {v, v, v, 255});
    }
  }
  return bytes;
}

std::vector<std::uint8_t> flat(int width, int height, int value) {
  return rgba(width, height, [=](int, int) { return value; });
}

// Squares of `cell` px in dark and light grey (mean 128): every edge is sharp.
std::vector<std::uint8_t> checkerboard(int width, int height, int cell) {
  return rgba(width, height, [=](int x, int y) { return ((x / cell + y / cell) % 2) ? 208 : 48; });
}

smp::PhotoPixels pixels(const std::vector<std::uint8_t>& bytes, int width, int height,
                        int channels = 4) {
  return smp::PhotoPixels{bytes, width, height, channels};
}

std::vector<std::string> codes(const smp::PhotoPixels& photo,
                               const smp::Config& config = smp::default_config()) {
  const auto checked = smp::check_photo_quality(photo, config, "en");
  INFO(t::diagnostics_text(checked.errors));
  REQUIRE(checked.ok());
  std::vector<std::string> out;
  for (const auto& issue : checked.value->issues) out.push_back(issue.code);
  return out;
}

using Codes = std::vector<std::string>;

}  // namespace

TEST_CASE("the quality check flags dark, bright, blurry and small photos", "[photos][quality]") {
  SECTION("flat grey is blurry") {
    CHECK(codes(pixels(flat(1200, 900, 128), 1200, 900)) == Codes{"blurry"});
  }
  SECTION("black is too dark (and not also blurry)") {
    CHECK(codes(pixels(flat(1200, 900, 0), 1200, 900)) == Codes{"too_dark"});
  }
  SECTION("white is overexposed") {
    CHECK(codes(pixels(flat(1200, 900, 255), 1200, 900)) == Codes{"overexposed"});
  }
  SECTION("a checkerboard passes") {
    CHECK(codes(pixels(checkerboard(1600, 1200, 40), 1600, 1200)).empty());
  }
  SECTION("a tiny image is too small") {
    const auto tiny = checkerboard(120, 90, 10);
    CHECK(codes(pixels(tiny, 120, 90)) == Codes{"too_small"});
  }
  SECTION("a checkerboard blurred by a large box is blurry") {
    // 16 px squares averaged over ±12 px: the edges become long ramps.
    const int w = 1024, h = 768;
    const auto sharp = checkerboard(w, h, 16);
    std::vector<std::uint8_t> soft(sharp.size());
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        int sum = 0, n = 0;
        for (int dy = -12; dy <= 12; ++dy) {
          for (int dx = -12; dx <= 12; ++dx) {
            const int sx = std::clamp(x + dx, 0, w - 1), sy = std::clamp(y + dy, 0, h - 1);
            sum += sharp[(static_cast<size_t>(sy) * w + sx) * 4];
            ++n;
          }
        }
        for (int c = 0; c < 3; ++c) soft[(static_cast<size_t>(y) * w + x) * 4 + c] = sum / n;
        soft[(static_cast<size_t>(y) * w + x) * 4 + 3] = 255;
      }
    }
    CHECK(codes(pixels(soft, w, h)) == Codes{"blurry"});
  }
}

TEST_CASE("blur is measured at the working size, whatever the photo's size", "[photos][quality]") {
  // The same scene (squares an eighth of the long side) at three sizes measures about the same.
  const auto measure = [](int w, int h) {
    const auto bytes = checkerboard(w, h, w / 8);
    return smp::measure_photo(pixels(bytes, w, h)).value->blur_variance;
  };
  const double small = measure(512, 384);
  const double large = measure(1600, 1200);
  const double huge = measure(4000, 3000);
  CHECK(large == Approx(small).epsilon(0.15));
  CHECK(huge == Approx(small).epsilon(0.15));
}

TEST_CASE("the clinic's thresholds change the verdict", "[photos][quality]") {
  const auto grey = flat(1200, 900, 60);
  const auto photo = pixels(grey, 1200, 900);
  auto config = smp::default_config();
  config.photos.blur_variance_below = 0;
  CHECK(codes(photo, config).empty());
  config.photos.dark_mean_below = 61;
  CHECK(codes(photo, config) == Codes{"too_dark"});
  config.photos.dark_mean_below = 10;
  config.photos.bright_mean_above = 59;
  CHECK(codes(photo, config) == Codes{"overexposed"});

  const auto board = checkerboard(1200, 900, 30);
  const double variance = smp::measure_photo(pixels(board, 1200, 900)).value->blur_variance;
  auto strict = smp::default_config();
  strict.photos.blur_variance_below = static_cast<int>(variance) + 1;
  CHECK(codes(pixels(board, 1200, 900), strict) == Codes{"blurry"});
  strict.photos.min_long_side_px = 1201;
  CHECK(codes(pixels(board, 1200, 900), strict) == Codes{"too_small", "blurry"});

  SECTION("the thresholds come from the photos section of the clinic config") {
    const auto parsed = t::config_ok({{"photos", {{"dark_mean_below", 70}}}});
    CHECK(codes(photo, parsed) == Codes{"too_dark"});
  }
}

TEST_CASE("the quality check reads luma, RGB and RGBA alike", "[photos][quality]") {
  std::vector<std::uint8_t> luma, rgb;
  const auto board = checkerboard(900, 600, 25);
  for (size_t i = 0; i < board.size(); i += 4) {
    luma.push_back(board[i]);
    rgb.insert(rgb.end(), {board[i], board[i + 1], board[i + 2]});
  }
  const auto a = smp::measure_photo(pixels(board, 900, 600, 4)).value;
  const auto b = smp::measure_photo(pixels(rgb, 900, 600, 3)).value;
  const auto c = smp::measure_photo(pixels(luma, 900, 600, 1)).value;
  CHECK(a->mean_luma == Approx(c->mean_luma));
  CHECK(a->blur_variance == Approx(c->blur_variance));
  CHECK(b->blur_variance == Approx(c->blur_variance));
  // BT.601: pure green is brighter than pure red, red brighter than blue.
  const std::vector<std::uint8_t> red{255, 0, 0, 255}, green{0, 255, 0, 255}, blue{0, 0, 255, 255};
  const auto mean = [](const std::vector<std::uint8_t>& px) {
    return smp::measure_photo(pixels(px, 1, 1)).value->mean_luma;
  };
  CHECK(mean(green) == 149);  // (77, 150, 29) / 256, rounded
  CHECK(mean(red) == 77);
  CHECK(mean(blue) == 29);
}

TEST_CASE("the quality check's texts come from the catalogue", "[photos][quality]") {
  const auto black = flat(1000, 800, 0);
  for (const char* locale : {"en", "es"}) {
    const auto checked =
        smp::check_photo_quality(pixels(black, 1000, 800), smp::default_config(), locale);
    REQUIRE(checked.ok());
    REQUIRE(checked.value->issues.size() == 1);
    const auto& message = checked.value->issues[0].message;
    CHECK(message != "photos.quality.too_dark");
    CHECK(message.find(std::string(locale) == "es" ? "oscura" : "dark") != std::string::npos);
  }
  SECTION("a clinic's copy overrides it") {
    const auto config =
        t::config_ok({{"copy", {{"en", {{"photos.quality.too_dark", "Use more light."}}}}}});
    const auto checked = smp::check_photo_quality(pixels(black, 1000, 800), config, "en");
    REQUIRE(checked.ok());
    CHECK(checked.value->issues.at(0).message == "Use more light.");
  }
}

TEST_CASE("pixels that do not match their size are refused with a pointer", "[photos][quality]") {
  const std::vector<std::uint8_t> bytes(100, 0);
  for (const auto& photo : {pixels(bytes, 10, 10, 4), pixels(bytes, 0, 10, 1),
                            pixels(bytes, 10, 10, 2), pixels(bytes, -10, -10, 1)}) {
    const auto checked = smp::check_photo_quality(photo, smp::default_config(), "en");
    CHECK_FALSE(checked.ok());
    REQUIRE(checked.errors.size() == 1);
    CHECK(checked.errors[0].pointer == "/pixels");
    CHECK(checked.errors[0].code == "invalid_pixels");
  }
  CHECK(smp::check_photo_quality(pixels(bytes, 10, 10, 1), smp::default_config(), "en").ok());
}

TEST_CASE("the generated images of the shared fixture get their verdicts", "[photos][quality]") {
  const t::json fixture = t::load_json(t::fixtures_dir() / "photos" / "quality.json");
  for (const t::json& item : fixture["cases"]) {
    const std::string name = item["name"].get<std::string>();
    INFO(name);
    const t::json& image = item["image"];
    const int w = image["width"].get<int>();
    const int h = image["height"].get<int>();
    const auto bytes = image["kind"] == "flat" ? flat(w, h, image["value"].get<int>())
                                               : checkerboard(w, h, image["cell"].get<int>());
    const auto config = t::config_ok({{"photos", item.value("config", t::json::object())}});
    CHECK(codes(pixels(bytes, w, h), config) == item["codes"].get<Codes>());
    if (item.contains("blur_variance")) {
      CHECK(smp::measure_photo(pixels(bytes, w, h)).value->blur_variance ==
            Approx(item["blur_variance"].get<double>()).margin(0.01));
    }
  }
}
