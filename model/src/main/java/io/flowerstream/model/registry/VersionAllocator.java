package io.flowerstream.model.registry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out model version numbers so that two publishers never get the same one, even from different
 * machines, using nothing but object writes and listings.
 *
 * <p>How it is guaranteed. To take number {@code n} a publisher writes a claim object under a key no one
 * else uses, {@code models/<name>/<n>/claims/<uuid>}, and then lists {@code models/<name>/<n>/}. It has
 * won {@code n} only if that listing shows nothing but its own claim. Two publishers cannot both win:
 * if A's listing did not show B's claim, B's write came after A's listing, hence after A's claim was
 * written, so B's listing (made after B's write) shows A's claim and B loses. That needs only that a
 * listing shows every write that completed before it started, which AWS S3 (since December 2020),
 * MinIO and S3Proxy's transient and filesystem backends all give. Both may lose: they then remove their
 * claims and try again after a random pause. A winner never removes its claim, and a version's files
 * land in the same folder, so a taken or published number always looks occupied to later claimers.
 *
 * <p>Why not a create-only write ({@code If-None-Match: *}), which AWS S3 and MinIO honour: S3Proxy
 * 2.6.0, the embedded server of the tests and the standalone pipeline, silently ignores it, so it
 * would guarantee nothing there. The listing check holds on all three.
 */
final class VersionAllocator {

    /** Enough for dozens of simultaneous publishers; retrainings are minutes apart in practice. */
    static final int MAX_ATTEMPTS = 100;

    private final BucketObjects objects;
    private final RegistryLayout layout;

    VersionAllocator(BucketObjects objects, RegistryLayout layout) {
        this.objects = objects;
        this.layout = layout;
    }

    /** Claims the lowest number above every version folder present and returns it. */
    int reserve() {
        String owner = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            int candidate = highestVersionFolder() + 1;
            String claim = layout.claimsPrefix(candidate) + owner;
            objects.put(claim, claimContent(owner), "text/plain");
            List<String> occupants = objects.keysUnder(layout.versionPrefix(candidate));
            if (occupants.equals(List.of(claim))) {
                return candidate;
            }
            // Lost or tied: free the folder for the next round (only a winner's claim must stay).
            objects.remove(claim);
            pauseBeforeRetry(attempt);
        }
        throw new ModelRegistryException("could not reserve a version of model '" + layout.modelName() + "' in "
                + MAX_ATTEMPTS + " attempts: too many publishers at once; retry later");
    }

    private int highestVersionFolder() {
        int highest = 0;
        for (String key : objects.keysUnder(layout.root())) {
            var version = layout.versionOf(key);
            if (version.isPresent()) {
                highest = Math.max(highest, version.getAsInt());
            }
        }
        return highest;
    }

    private static byte[] claimContent(String owner) {
        return ("claimed by " + owner + " at " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void pauseBeforeRetry(int attempt) {
        // A random pause breaks the symmetry of publishers that keep colliding on the same number.
        long bound = Math.min(20L * attempt, 500L);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelRegistryException("interrupted while reserving a model version");
        }
    }
}
