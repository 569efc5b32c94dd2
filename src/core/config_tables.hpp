#pragma once
// The names a config key accepts, shared by the reader (config.cpp) and the document the setup
// studio gets (config_document.cpp), so a list is written once; likewise the sections both the
// widget's public config and the studio's document show as they are.
#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "smp/config.hpp"

namespace smp {

// Active ISO 4217 codes (2024), so a typo like "USS" or "usd" is caught before prices show.
inline constexpr std::string_view kCurrencies =
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP "
    "BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
    "GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR "
    "KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK "
    "MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR "
    "SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD "
    "TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL";

inline constexpr std::array<std::string_view, 7> kWeekdays{"mon", "tue", "wed", "thu",
                                                           "fri", "sat", "sun"};

/// `clinic` as the config document has it (config_document.cpp).
nlohmann::json clinic_json(const ClinicInfo& clinic);
/// `locales`: the default and the available ones.
nlohmann::json locales_json(const Config& config);

}  // namespace smp
