#include "smp/server/mime.hpp"

#include <catch2/catch.hpp>

using namespace smp::server;

namespace {
size_t longest_line(const std::string& text) {
  size_t longest = 0, start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    longest = std::max(longest, end - start);
    start = end + 2;
  }
  return longest;
}
bool has_bare_line_break(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) return true;
    if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("base64 follows RFC 4648", "[server][mime]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  const std::string lines = base64_lines(std::string(200, 'x'));
  CHECK(longest_line(lines) == 76);
  CHECK(lines.substr(lines.size() - 2) == "\r\n");
}

TEST_CASE("header text never carries a line break", "[server][mime][header]") {
  CHECK(header_safe_text("Ana\r\nBcc: x@y.z") == "Ana Bcc: x@y.z");
  CHECK(header_safe_text("  a \t b\n") == "a b");
  CHECK(header_safe_text("a\xE2\x80\xA8"
                         "b") == "a b");  // U+2028
  CHECK(header_safe_text("a\xC2\x85"
                         "b") == "a b");  // NEL
  CHECK(header_safe_text("bad \xFF byte") == "bad ? byte");
  CHECK(header_safe_text("José") == "José");
}

TEST_CASE("unstructured headers are RFC 2047 encoded when needed", "[server][mime][header]") {
  CHECK(encode_unstructured("New lead: Ana") == "New lead: Ana");
  const std::string encoded = encode_unstructured("New lead: José Müller – Good candidate");
  CHECK(encoded.rfind("=?UTF-8?B?", 0) == 0);
  for (size_t start = 0; start < encoded.size();) {
    size_t end = encoded.find(' ', start);
    if (end == std::string::npos) end = encoded.size();
    CHECK(end - start <= 75);  // every encoded word fits RFC 2047's limit
    start = end + 1;
  }
  SECTION("an encoded-word lookalike in input is itself encoded") {
    CHECK(encode_unstructured("=?UTF-8?B?SGk=?=").rfind("=?UTF-8?B?", 0) == 0);
    CHECK(encode_unstructured("=?UTF-8?B?SGk=?=") != "=?UTF-8?B?SGk=?=");
  }
  SECTION("a long unbreakable run is split into encoded words") {
    const std::string folded =
        format_header("Subject", encode_unstructured(std::string(3000, 'a')));
    CHECK(longest_line(folded) <= 78);
    CHECK_FALSE(has_bare_line_break(folded));
  }
}

TEST_CASE("mailboxes validate the address and quote or encode the name",
          "[server][mime][address]") {
  CHECK(format_mailbox("Ana", "ana@example.org") ==
        std::optional<std::string>("\"Ana\" <ana@example.org>"));
  CHECK(format_mailbox("", "ana@example.org") == std::optional<std::string>("ana@example.org"));
  CHECK(format_mailbox("A \"B\" \\ C", "a@b.co").value() == "\"A \\\"B\\\" \\\\ C\" <a@b.co>");
  CHECK(format_mailbox("José", "jose@example.org").value().rfind("=?UTF-8?B?", 0) == 0);
  CHECK(format_mailbox("Eve\r\nBcc: v@x.org", "eve@example.org").value().find('\n') ==
        std::string::npos);
  for (const char* bad :
       {"eve@example.org\r\nBcc: v@x.org", "eve@example.org>, v@x.org", "\"Eve\" <eve@example.org>",
        "eve", "eve@@example.org", "e ve@example.org", "eve@example.org;v@x.org", ""}) {
    INFO(bad);
    CHECK_FALSE(format_mailbox("Eve", bad).has_value());
  }
}

TEST_CASE("header fields fold and end in CRLF", "[server][mime][header]") {
  const std::string header =
      format_header("X-Long", std::string(100, 'a') + " " + std::string(100, 'b'));
  CHECK(header.substr(header.size() - 2) == "\r\n");
  CHECK(header.find("\r\n ") != std::string::npos);
  CHECK(longest_line(header) <= 998);
  CHECK(format_header("X", "a\r\nInjected: yes").find("\r\nInjected") == std::string::npos);
}

TEST_CASE("render_mime builds a multipart message with CRLF lines <= 998", "[server][mime]") {
  MimeMessage message;
  message.headers = {{"From", "a@b.co"}, {"Subject", "Hi\r\nBcc: evil@x.org"}};
  message.text = "line one\nline two\r\n" + std::string(5000, 'x');
  message.html = "<p>hi</p>\n";
  message.attachments.push_back(
      {"plan.ics", "text/calendar; charset=UTF-8", "BEGIN:VCALENDAR\r\n"});
  const std::string mime = render_mime(message, "L-TEST.clinic@b.co");
  CHECK_FALSE(has_bare_line_break(mime));
  CHECK(longest_line(mime) <= 998);
  CHECK(mime.find("\r\nBcc:") == std::string::npos);
  CHECK(mime.find("Content-Type: multipart/mixed;") != std::string::npos);
  CHECK(mime.find("Content-Type: multipart/alternative;") != std::string::npos);
  CHECK(mime.find("Content-Disposition: attachment; filename=\"plan.ics\"") != std::string::npos);
  CHECK(mime.find("MIME-Version: 1.0\r\n") != std::string::npos);
}

TEST_CASE("rfc5322_date formats UTC", "[server][mime]") {
  CHECK(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(rfc5322_date(1795000000) == "Wed, 18 Nov 2026 11:06:40 +0000");
}
