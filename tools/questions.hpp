#pragma once

#include <algorithm>
#include <iterator>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "messages/atoms.hpp"
#include "messages/availability.hpp"
#include "messages/bookings.hpp"

// The kinds of question a tool may ask another actor, one row each: what is asked, what comes
// back, the atom that asks it, the actor that answers and the name recordings give it. The
// steps a tool returns (tools/tool.hpp), the session that asks, the recording that names and
// pairs questions, the codec's round trip and the replay's stand-ins are all made from this
// list: a new kind of question is a new row here and its handler in the actor that answers it.
namespace frontdesk::tools {

/// The actors a tool may ask, by the name recordings give them.
enum class peer { availability, bookings };

constexpr std::string_view name_of(peer p) {
  return p == peer::availability ? "availability" : "bookings";
}

template <class Ask, class Reply, class Atom, peer To>
struct question {
  using ask_type = Ask;
  using reply_type = Reply;
  using atom = Atom;
  static constexpr peer to = To;
};

/// All free times of some sources on some dates.
struct available_times_question
    : question<slot_request, times_reply, available_times_atom, peer::availability> {
  static constexpr std::string_view what = "available_times";
};
/// The earliest free time of any of the sources.
struct next_available_question
    : question<slot_request, found_slot, next_available_atom, peer::availability> {
  static constexpr std::string_view what = "next_available";
};
struct book_question : question<booking_request, booking_outcome, book_atom, peer::bookings> {
  static constexpr std::string_view what = "book";
};
struct move_question : question<move_request, booking_outcome, move_atom, peer::bookings> {
  static constexpr std::string_view what = "move";
};
struct cancel_question : question<cancel_request, booking_outcome, cancel_atom, peer::bookings> {
  static constexpr std::string_view what = "cancel";
};
/// The caller's past appointments, from the local copy.
struct history_question
    : question<history_request, std::vector<appointment>, history_atom, peer::bookings> {
  static constexpr std::string_view what = "history";
};

/// Every kind of question, one row each.
using questions = std::tuple<available_times_question, next_available_question, book_question,
                             move_question, cancel_question, history_question>;

/// The row whose question is `Ask` and whose answer is `Reply`.
template <class Ask, class Reply, class Questions = questions>
struct question_for;

template <class Ask, class Reply, class... Qs>
struct question_for<Ask, Reply, std::tuple<Qs...>> {
 private:
  template <class Q>
  static constexpr bool matches =
      std::is_same_v<typename Q::ask_type, Ask>&& std::is_same_v<typename Q::reply_type, Reply>;
  static constexpr std::size_t index() {
    constexpr bool hits[] = {matches<Qs>...};
    return static_cast<std::size_t>(std::find(std::begin(hits), std::end(hits), true) -
                                    std::begin(hits));
  }
  static_assert(((matches<Qs> ? 1 : 0) + ...) == 1, "each (ask, reply) pair is one row");

 public:
  using type = std::tuple_element_t<index(), std::tuple<Qs...>>;
};

template <class Ask, class Reply>
using question_for_t = typename question_for<Ask, Reply>::type;

/// Calls `f(Q{})` for every row Q.
template <class F>
constexpr void for_each_question(F&& f) {
  std::apply([&](auto... rows) { (f(rows), ...); }, questions{});
}

}  // namespace frontdesk::tools
