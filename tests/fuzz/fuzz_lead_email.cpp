// A lead body through the relay's core path: lead validation, the server's evaluation and both
// emails. No header may carry CR/LF from the input, and no input may add a header of its own.
#include <algorithm>

#include "fuzz_relay_support.hpp"

namespace {

const smp::Config& clinic() {
  static const smp::Config config = [] {
    smp::Config c = smp::fuzz::relay_clinic();
    c.lead.confirm_to_visitor = true;
    return c;
  }();
  return config;
}

void check_headers(const std::string& mime) {
  const auto end = mime.find("\r\n\r\n");
  smp::fuzz::require(end != std::string::npos, "a message has a header section");
  const std::string head = mime.substr(0, end + 2);
  std::size_t line_start = 0;
  while (line_start < head.size()) {
    const auto crlf = head.find("\r\n", line_start);
    smp::fuzz::require(crlf != std::string::npos, "header lines end with CRLF");
    const std::string line = head.substr(line_start, crlf - line_start);
    smp::fuzz::require(line.find_first_of("\r\n") == std::string::npos, "no bare CR/LF in headers",
                       line);
    std::string lowered = line;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    smp::fuzz::require(lowered.rfind("bcc:", 0) != 0, "input never adds a Bcc header", line);
    line_start = crlf + 2;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto lead = smp::fuzz::valid_lead(smp::fuzz::as_text(data, size), clinic());
  if (!lead) return 0;
  const smp::Consultation consultation =
      smp::evaluate(lead->parsed_answers, clinic(), smp::fuzz::reference_date());
  const auto input = smp::fuzz::email_input(*lead, consultation, clinic());
  for (const auto& message :
       {smp::server::build_clinic_email(input), smp::server::build_visitor_email(input)}) {
    if (message) check_headers(message->mime);
  }
  return 0;
}
