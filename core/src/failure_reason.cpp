#include "ltgs/failure_reason.hpp"

#include "text_util.hpp"

namespace ltgs {
namespace {

struct ReasonRow {
  std::string_view word;  // upper case, '_' between words
  const char* code;
};

constexpr ReasonRow kReasons[] = {
    {"INSUFFICIENT_FUNDS", "failure.insufficient_funds"},  {"INSUFFICIENT_BALANCE", "failure.insufficient_funds"},
    {"NOT_ENOUGH_FUNDS", "failure.insufficient_funds"},    {"DECLINED_BY_PAYER", "failure.declined_by_payer"},
    {"PAYER_DECLINED", "failure.declined_by_payer"},       {"REJECTED_BY_PAYER", "failure.declined_by_payer"},
    {"CANCELLED_BY_PAYER", "failure.declined_by_payer"},   {"USER_CANCELLED", "failure.declined_by_payer"},
    {"EXPIRED", "failure.expired"},                        {"TIMEOUT", "failure.expired"},
    {"TIMED_OUT", "failure.expired"},                      {"APPROVAL_TIMEOUT", "failure.expired"},
    {"PAYER_TIMEOUT", "failure.expired"},                  {"NOT_APPROVED_IN_TIME", "failure.expired"},
};

char canonical(char c) noexcept {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  return c == '-' || c == ' ' ? '_' : c;
}

}  // namespace

bool isFailureReasonWord(std::string_view word) noexcept {
  if (word.empty() || word.size() > kMaxFailureReasonLength) return false;
  for (const char c : word)
    if (!isAsciiAlnum(c) && c != '_') return false;
  return true;
}

const char* failureReasonCode(std::string_view word) noexcept {
  const std::string_view w = trimWhitespace(word);
  if (w.empty()) return "";
  for (const ReasonRow& row : kReasons) {
    if (row.word.size() != w.size()) continue;
    bool same = true;
    for (std::size_t i = 0; same && i < w.size(); ++i) same = canonical(w[i]) == row.word[i];
    if (same) return row.code;
  }
  return "failure.unknown";
}

}  // namespace ltgs
