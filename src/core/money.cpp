// Display money: rounding and the locale's pattern, grouping and currency symbol, all texts of
// the catalogue (`money.*`) so a clinic's `copy` can adjust them like any other text.
#include "smp/money.hpp"

#include "smp/messages.hpp"

namespace smp {

long long round_for_display(long long amount, int round_to) {
  if (round_to <= 1) return amount;
  if (amount < 0) return -round_for_display(-amount, round_to);
  const long long step = round_to;
  return (amount + step / 2) / step * step;
}

std::string format_money(long long amount, const std::string& currency, const Messages& messages) {
  const std::string digits = std::to_string(amount < 0 ? -amount : amount);
  const std::string group = messages.text("money.group");
  std::string grouped = amount < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += group;
    grouped.push_back(digits[i]);
  }
  // A currency without a symbol in the catalogue shows its ISO code, as Intl does.
  const std::string symbol_key = "money.symbol." + currency;
  if (messages.has(symbol_key)) {
    return messages.text("money.format",
                         {{"symbol", messages.text(symbol_key)}, {"amount", grouped}});
  }
  if (currency.empty()) return grouped;
  return messages.text("money.format_code", {{"code", currency}, {"amount", grouped}});
}

std::string format_money_range(long long low, long long high, const std::string& currency,
                               const Messages& messages) {
  return messages.text("money.range", {{"low", format_money(low, currency, messages)},
                                       {"high", format_money(high, currency, messages)}});
}

}  // namespace smp
