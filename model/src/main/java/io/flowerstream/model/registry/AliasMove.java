package io.flowerstream.model.registry;

import java.time.Instant;

/**
 * One entry of an alias's history: the alias was pointed at {@code version} at {@code at}. The
 * history is what {@code model rollback} goes back through.
 *
 * @param version the version the alias pointed to from then on
 * @param at      when; null for the first entry of an alias set before histories were kept
 */
public record AliasMove(int version, Instant at) {

    /** The history object's line for this entry: {@code <version> <ISO-8601 instant or ->}. */
    String toLine() {
        return version + " " + (at == null ? "-" : at.toString());
    }

    /** Reads a line written by {@link #toLine()}. */
    static AliasMove parse(String line) {
        String[] parts = line.trim().split("\\s+");
        return new AliasMove(
                Integer.parseInt(parts[0]), parts.length < 2 || parts[1].equals("-") ? null : Instant.parse(parts[1]));
    }
}
