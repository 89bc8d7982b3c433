#pragma once

#include <string_view>

// Defaults that both a setting (config/settings.cpp) and an actor's own config start from, named
// once so that the two cannot drift apart.
namespace frontdesk::domain {

/// Cliniko's documented budget: requests per minute per API key (it has changed before, so it is
/// a setting too; this is its default).
inline constexpr int cliniko_requests_per_minute = 200;

/// The share of that budget, in percent, that keeping free times warm may spend.
inline constexpr int warm_percent_of_budget = 25;

/// How long what was said in a call (transcripts, summaries, callers' numbers) is kept, and its
/// audio, in days.
inline constexpr int transcript_retention_days = 30;
inline constexpr int audio_retention_days = 7;

/// How long a session's recording is kept after its last call, in days.
inline constexpr int recording_retention_days = 30;

/// How old a post-call event's signature may be (ElevenLabs' SDKs: 30 minutes), and how far
/// ahead (clocks differ a little, never by minutes), in seconds.
inline constexpr int signature_max_age_seconds = 1800;
inline constexpr int signature_max_ahead_seconds = 300;

/// Where verified post-call events wait while PostgreSQL is away.
inline constexpr std::string_view spool_dir = "frontdesk-spool";

}  // namespace frontdesk::domain
