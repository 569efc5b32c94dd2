#pragma once
// Internet message building blocks (RFC 5322, 2045-2047): header-safe text, encoded words,
// mailboxes, folding and a multipart renderer. Every line ends in CRLF and stays <= 998 octets;
// nothing from a visitor can put a CR or LF into a header.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smp::server {

/// Standard base64 (RFC 4648) without line breaks.
std::string base64_encode(std::string_view data);
/// Base64 in lines of 76 characters, each ending in CRLF (RFC 2045 body encoding).
std::string base64_lines(std::string_view data);

/// Text fit for a header: CR, LF, TAB and other control characters become spaces, runs of
/// whitespace collapse, ends are trimmed, invalid UTF-8 bytes are replaced by '?'.
std::string header_safe_text(std::string_view text);

/// An unstructured header value (e.g. Subject): ASCII as is, else RFC 2047 UTF-8 "B" encoded
/// words of <= 75 characters joined by folding whitespace. Input is made header-safe first.
std::string encode_unstructured(std::string_view text);

/// True for an address we are willing to put in a header: smp::is_valid_email plus no
/// characters that could break out of an angle-addr (<>"(),;:\ space, controls).
/// `local_domain_ok` accepts a dotless domain (smp-consult@localhost) for the operator's own
/// addresses; visitors' addresses are always checked strictly.
bool is_header_safe_address(std::string_view address, bool local_domain_ok = false);

/// `Display Name <addr>` with the name quoted or RFC 2047 encoded (always encoded when it holds
/// "=?", so no client decodes the visitor's text as an encoded word); nullopt for an unsafe
/// address.
std::optional<std::string> format_mailbox(std::string_view display_name, std::string_view address,
                                          bool local_domain_ok = false);

/// One header field, folded at spaces to lines of <= 78 characters where possible
/// (never more than 998), ending in CRLF. The value must already be header-safe.
std::string format_header(std::string_view name, std::string_view value);

/// Converts any mix of LF / CR / CRLF line ends to CRLF.
std::string normalize_crlf(std::string_view text);

/// RFC 5322 date-time for a Unix time (UTC), e.g. "Sat, 21 Nov 2026 05:49:55 +0000".
std::string rfc5322_date(long long unix_seconds);

struct MimeAttachment {
  std::string filename;      ///< ASCII file name, e.g. "plan.ics"
  std::string content_type;  ///< e.g. "text/calendar; charset=UTF-8; method=PUBLISH"
  std::string data;
};

struct MimeMessage {
  /// Header fields in order; values must already be encoded (encode_unstructured,
  /// format_mailbox). render_mime strips any CR/LF again as a last line of defence.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string text;  ///< text/plain; charset=UTF-8
  std::string html;  ///< text/html; charset=UTF-8 ("" = text only)
  std::vector<MimeAttachment> attachments;
};

/// The whole message: headers, MIME-Version, multipart/mixed > multipart/alternative
/// (text, html) + attachments, base64 bodies. `boundary_seed` makes boundaries unique and stable.
std::string render_mime(const MimeMessage& message, std::string_view boundary_seed);

}  // namespace smp::server
