#pragma once

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <caf/scoped_actor.hpp>
#include <chrono>
#include <utility>

namespace frontdesk::test_support {

/// Asks an actor and waits for its answer: the value, or the error it gave.
template <class T, class Handle, class... Ts>
caf::expected<T> ask(caf::actor_system& system, const Handle& to, Ts&&... xs) {
  caf::scoped_actor self{system};
  caf::expected<T> result{caf::error{}};
  self->request(to, std::chrono::seconds{60}, std::forward<Ts>(xs)...)
      .receive([&](T& value) { result = std::move(value); },
               [&](caf::error& e) { result = std::move(e); });
  return result;
}

}  // namespace frontdesk::test_support
