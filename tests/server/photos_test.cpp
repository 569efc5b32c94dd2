// Photos on the relay's side (SPEC §8): the multipart reader, the image check and metadata
// stripping on the photos in tests/fixtures/photos (made by python3-pil), the email split, the
// purge of stored photos and of their MIME parts.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "smp/server/mime.hpp"
#include "smp/server/multipart.hpp"
#include "smp/server/outbox.hpp"
#include "smp/server/photo_email.hpp"
#include "smp/server/photo_image.hpp"

using namespace smp::server;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(SMP_FIXTURES_DIR) + "/photos/" + name, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The marker segments before the first scan, e.g. {0xE0, 0xDB, 0xC0, 0xC4}.
std::vector<int> jpeg_markers(const std::string& jpeg) {
  std::vector<int> markers;
  std::size_t at = 2;
  while (at + 4 <= jpeg.size() && static_cast<unsigned char>(jpeg[at]) == 0xFF) {
    const int marker = static_cast<unsigned char>(jpeg[at + 1]);
    if (marker == 0xDA) break;
    markers.push_back(marker);
    at += 2 + (static_cast<unsigned char>(jpeg[at + 2]) << 8 |
               static_cast<unsigned char>(jpeg[at + 3]));
  }
  return markers;
}

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string form(const std::vector<std::string>& parts) {
  std::string body;
  for (const auto& part : parts) body += "--" + kBoundary + "\r\n" + part + "\r\n";
  return body + "--" + kBoundary + "--\r\n";
}

}  // namespace

TEST_CASE("a multipart/form-data body splits into its named parts", "[server][photos][multipart]") {
  CHECK(multipart_boundary("multipart/form-data; boundary=" + kBoundary) == kBoundary);
  CHECK(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"") == "a b:c");
  CHECK(multipart_boundary("multipart/form-data").empty());
  CHECK(multipart_boundary("multipart/form-data; boundary=").empty());
  CHECK(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')).empty());
  CHECK(multipart_boundary("multipart/form-data; boundary=a; boundary=b").empty());

  const std::string body =
      "preamble\r\n" +
      form({"Content-Disposition: form-data; name=\"lead\"; filename=\"blob\"\r\n"
            "Content-Type: application/json\r\n\r\n{\"a\":1}",
            "Content-Disposition: form-data; name=\"photo\"; filename=\"front.jpg\"\r\n"
            "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\r\n--not-the-boundary\r\n\xFF\xD9",
            "content-disposition: FORM-DATA; name=plain\r\n\r\n"}) +
      "epilogue";
  const FormParse parsed = parse_multipart(body, kBoundary);
  REQUIRE(parsed.ok);
  REQUIRE(parsed.parts.size() == 3);
  CHECK(parsed.parts[0].name == "lead");
  CHECK(parsed.parts[0].filename == "blob");
  CHECK(parsed.parts[0].content_type == "application/json");
  CHECK(parsed.parts[0].data == "{\"a\":1}");
  CHECK(parsed.parts[1].filename == "front.jpg");
  CHECK(parsed.parts[1].data == "\xFF\xD8\r\n--not-the-boundary\r\n\xFF\xD9");
  CHECK(parsed.parts[2].name == "plain");
  CHECK(parsed.parts[2].content_type.empty());
  CHECK(parsed.parts[2].data.empty());

  SECTION("every malformed body is an error value") {
    const std::string lead = "Content-Disposition: form-data; name=\"lead\"\r\n\r\n{}";
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"", "malformed_multipart"},
        {"no boundary at all", "malformed_multipart"},
        {form({lead}).substr(0, 60), "malformed_multipart"},                 // cut in a part
        {"--" + kBoundary + "\r\n" + lead + "\r\n", "malformed_multipart"},  // no close
        {"--" + kBoundary + "x\r\n" + lead, "malformed_multipart"},
        {form({"Content-Type: text/plain\r\n\r\nx"}), "malformed_multipart"},
        {form({"Content-Disposition: attachment; name=\"lead\"\r\n\r\nx"}), "malformed_multipart"},
        {form({"Content-Disposition: form-data\r\n\r\nx"}), "malformed_multipart"},
        {form({"Content-Disposition: form-data; name=\"a\r\n\r\nx"}), "malformed_multipart"},
        {form({"Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx"}),
         "malformed_multipart"},
        {form({"Content-Disposition: form-data; name=\"a\"\r\n folded\r\n\r\nx"}),
         "malformed_multipart"},
        {form({"Content-Disposition: form-data; name=\"a\"\r\n"
               "Content-Transfer-Encoding: base64\r\n\r\neA=="}),
         "malformed_multipart"},
        {form(std::vector<std::string>(kMaxFormParts + 1, lead)), "too_many_parts"},
    };
    for (const auto& [text, code] : bad) {
      INFO(text);
      const FormParse result = parse_multipart(text, kBoundary);
      CHECK_FALSE(result.ok);
      CHECK(result.code == code);
      CHECK_FALSE(result.message.empty());
    }
    CHECK(parse_multipart(form({lead}), "").code == "bad_boundary");
  }
}

TEST_CASE("photos are verified by decoding and kept without metadata", "[server][photos][image]") {
  SECTION(
      "a JPEG loses Exif, GPS, XMP, Photoshop and comments, turned upright by its orientation") {
    // metadata.jpg: 320 x 240 pixels with Exif orientation 6 (shown turned a quarter clockwise).
    const CleanedPhoto photo = clean_photo(fixture("metadata.jpg"));
    REQUIRE(photo.ok);
    CHECK(photo.width == 240);
    CHECK(photo.height == 320);
    CHECK(photo.jpeg.find("SECRET") == std::string::npos);
    for (int marker : jpeg_markers(photo.jpeg)) {
      CHECK((marker == 0xE0 || marker < 0xE0 || marker > 0xEF));
      CHECK(marker != 0xFE);
    }
    CHECK(jpeg_markers(photo.jpeg).front() == 0xE0);    // JFIF
    CHECK(clean_photo(photo.jpeg).jpeg == photo.jpeg);  // nothing left to strip
  }
  SECTION("a progressive JPEG becomes a baseline one of the same size") {
    const CleanedPhoto photo = clean_photo(fixture("progressive.jpg"));
    REQUIRE(photo.ok);
    CHECK(photo.width == 320);
    const auto markers = jpeg_markers(photo.jpeg);
    CHECK(std::find(markers.begin(), markers.end(), 0xC0) != markers.end());
    CHECK(std::find(markers.begin(), markers.end(), 0xC2) == markers.end());
  }
  SECTION("a PNG becomes a JPEG without its text, eXIf and tIME chunks") {
    const CleanedPhoto photo = clean_photo(fixture("metadata.png"));
    REQUIRE(photo.ok);
    CHECK(photo.width == 160);
    CHECK(photo.height == 120);
    CHECK(photo.jpeg.substr(0, 3) == "\xFF\xD8\xFF");
    CHECK(photo.jpeg.find("SECRET") == std::string::npos);
    CHECK(clean_photo(fixture("transparent.png")).ok);
  }
  SECTION("anything that does not decode is refused") {
    const std::string jpeg = fixture("metadata.jpg");
    const std::string png = fixture("metadata.png");
    CHECK(clean_photo("").code == "photo_not_an_image");
    CHECK(clean_photo("GIF89a....").code == "photo_not_an_image");
    CHECK(clean_photo("\xFF\xD8\xFF").code == "photo_corrupt");
    CHECK(clean_photo(jpeg.substr(0, jpeg.size() - 100)).code == "photo_corrupt");
    CHECK(clean_photo(png.substr(0, png.size() - 30)).code == "photo_corrupt");
    std::string flipped = png;
    flipped[20] = static_cast<char>(flipped[20] ^ 0x55);  // IHDR's CRC no longer matches
    CHECK(clean_photo(flipped).code == "photo_corrupt");
  }
  SECTION("a header declaring too many pixels is refused before decoding") {
    std::string jpeg = fixture("metadata.jpg");
    const auto sof = jpeg.find("\xFF\xC0");
    REQUIRE(sof != std::string::npos);
    jpeg[sof + 5] = jpeg[sof + 7] = static_cast<char>(0x4E);  // 20000 x 20000
    jpeg[sof + 6] = jpeg[sof + 8] = static_cast<char>(0x20);
    const CleanedPhoto photo = clean_photo(jpeg);
    CHECK(photo.code == "photo_too_many_pixels");
    CHECK(photo.message.find("20000 x 20000") != std::string::npos);
  }
}

TEST_CASE("photos past photos.max_email_mb go in follow-ups, in order, never dropped",
          "[server][photos][email]") {
  auto photo = [](std::size_t bytes) {
    LeadPhoto p;
    p.view = "front";
    p.bytes.assign(bytes, 'x');
    return p;
  };
  const std::size_t mb = 1024 * 1024;
  SECTION("small photos all ride with the lead") {
    const auto plan = plan_photo_mail({photo(100'000), photo(100'000)}, 15 * mb);
    CHECK(plan.in_lead_email == std::vector<std::size_t>{0, 1});
    CHECK(plan.follow_ups.empty());
  }
  SECTION("the first that does not fit and all after it follow, packed per email") {
    const auto plan =
        plan_photo_mail({photo(400'000), photo(400'000), photo(300'000), photo(300'000)}, mb);
    CHECK(plan.in_lead_email == std::vector<std::size_t>{0});
    REQUIRE(plan.follow_ups.size() == 2);
    CHECK(plan.follow_ups[0] == std::vector<std::size_t>{1, 2});  // 16 K + 533 K + 400 K
    CHECK(plan.follow_ups[1] == std::vector<std::size_t>{3});
  }
  SECTION("a photo larger than the limit still goes, alone") {
    const auto plan = plan_photo_mail({photo(3 * mb), photo(10)}, mb);
    CHECK(plan.in_lead_email.empty());
    REQUIRE(plan.follow_ups.size() == 2);
    CHECK(plan.follow_ups[0] == std::vector<std::size_t>{0});
    CHECK(plan.follow_ups[1] == std::vector<std::size_t>{1});
  }
}

TEST_CASE("the purge cuts a delivered message's photo parts and keeps the rest",
          "[server][photos][retention]") {
  MimeMessage message;
  message.headers = {{"Subject", "New lead"}};
  message.text = "Front and hairline: front.jpg";
  message.html = "<p>Front</p>";
  message.attachments = {{"plan.ics", "text/calendar; charset=UTF-8", "BEGIN:VCALENDAR"},
                         {"front.jpg", "image/jpeg", std::string(5000, '\xAB')},
                         {"top.jpg", "image/jpeg", std::string(100, '\xCD')}};
  const std::string mime = render_mime(message, "L-1.clinic@example.org");
  const std::string image = base64_lines(std::string(5000, '\xAB')).substr(0, 76);
  REQUIRE(mime.find(image) != std::string::npos);

  const std::string purged = remove_photo_parts(mime, "deleted on 2026-12-31");
  CHECK(purged.find(image) == std::string::npos);
  CHECK(purged.find("Content-Type: image/") == std::string::npos);
  CHECK(purged.find("front.jpg deleted on 2026-12-31") != std::string::npos);
  CHECK(purged.find("top.jpg deleted on 2026-12-31") != std::string::npos);
  CHECK(purged.find(base64_lines(normalize_crlf(message.text))) != std::string::npos);
  CHECK(purged.find(base64_lines("BEGIN:VCALENDAR")) != std::string::npos);
  CHECK(purged.substr(purged.size() - 4) == "--\r\n");
  CHECK(remove_photo_parts(purged, "again") == purged);
  const std::string plain = "Subject: x\r\n\r\nbody\r\n";
  CHECK(remove_photo_parts(plain, "x") == plain);
}

TEST_CASE("stored photos are purged only after every clinic email was delivered",
          "[server][photos][retention]") {
  std::random_device device;
  const auto dir =
      std::filesystem::temp_directory_path() / ("smp-photos-test-" + std::to_string(device()));
  std::filesystem::create_directories(dir);
  std::string error;
  auto outbox = Outbox::open((dir / "leads.sqlite3").string(), error);
  REQUIRE(outbox);
  const std::int64_t t0 = 1'800'000'000'000;
  const std::int64_t day = 86'400'000;

  LeadRecord lead;
  lead.lead_id = "L-P";
  lead.received_ms = t0;
  lead.document = "{}";
  lead.photos = {{"front", "image/jpeg", std::string(20'000, 'F'), 10, 10},
                 {"left", "image/jpeg", std::string(20'000, 'L'), 10, 10}};
  MimeMessage clinic;
  clinic.text = "photos";
  clinic.attachments = {{"front.jpg", "image/jpeg", lead.photos[0].bytes}};
  MimeMessage follow_up = clinic;
  follow_up.attachments = {{"left.jpg", "image/jpeg", lead.photos[1].bytes}};
  const std::vector<OutgoingMessage> messages = {
      {"L-P.clinic@x", "L-P", "clinic", "r@x", {"c@x"}, render_mime(clinic, "a")},
      {"L-P.clinic-photos-1@x",
       "L-P",
       "clinic-photos-1",
       "r@x",
       {"c@x"},
       render_mime(follow_up, "b")},
      {"L-P.visitor@x", "L-P", "visitor", "r@x", {"v@x"}, "Subject: x\r\n\r\nbody\r\n"}};
  REQUIRE(outbox->store(lead, messages).status == StoreStatus::kStored);
  CHECK(outbox->photo_counts("L-P").stored == 2);
  CHECK(outbox->photos_of("L-P")[1].bytes == lead.photos[1].bytes);

  // The clinic email is out, its follow-up not yet: nothing goes, however late.
  outbox->mark_sent("L-P.clinic@x", t0 + 1000);
  CHECK(outbox->purge_photos(t0 + 100 * day, 30 * day, error) == 0);
  outbox->mark_sent("L-P.clinic-photos-1@x", t0 + 2000);
  CHECK(outbox->purge_photos(t0 + 2000 + 30 * day - 1, 30 * day, error) == 0);
  CHECK(outbox->purge_photos(t0 + 2000 + 30 * day, 30 * day, error) == 2);
  CHECK(error.empty());
  CHECK(outbox->photo_counts("L-P").purged == 2);
  CHECK(outbox->photos_of("L-P")[0].bytes.empty());
  CHECK(outbox->purge_photos(t0 + 60 * day, 30 * day, error) == 0);  // once
  outbox.reset();

  // Neither the database file nor the WAL holds the photos' bytes any more.
  for (const char* name : {"leads.sqlite3", "leads.sqlite3-wal"}) {
    std::ifstream in(dir / name, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(bytes.find(std::string(1000, 'F')) == std::string::npos);
    CHECK(bytes.find(base64_lines(std::string(1000, 'L')).substr(0, 76)) == std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
