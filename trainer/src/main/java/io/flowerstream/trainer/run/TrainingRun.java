package io.flowerstream.trainer.run;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import io.flowerstream.contracts.FlowerClasses;
import io.flowerstream.contracts.events.ModelAnnouncement;
import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.model.net.FlowerModels;
import io.flowerstream.model.net.FlowerNet;
import io.flowerstream.model.profile.ReferenceProfile;
import io.flowerstream.model.registry.FetchedModel;
import io.flowerstream.model.registry.ModelMetadata;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.model.registry.PublishRequest;
import io.flowerstream.trainer.adapt.NewPhotoAccuracy;
import io.flowerstream.trainer.adapt.NewPhotoSampler;
import io.flowerstream.trainer.adapt.SeenPhotos;
import io.flowerstream.trainer.calibrate.ValidationProfile;
import io.flowerstream.trainer.calibrate.VersionCalibration;
import io.flowerstream.trainer.data.ImageSource;
import io.flowerstream.trainer.data.Manifest;
import io.flowerstream.trainer.data.PhotoLoader;
import io.flowerstream.trainer.data.PhotoStore;
import io.flowerstream.trainer.data.Split;
import io.flowerstream.trainer.metrics.TrainerMetrics;
import io.flowerstream.trainer.publish.Announcer;
import io.flowerstream.trainer.publish.PromotionDecision;
import io.flowerstream.trainer.publish.PromotionGate;
import io.flowerstream.trainer.report.ConfusionMatrixChart;
import io.flowerstream.trainer.report.SamplesGrid;
import io.flowerstream.trainer.report.TrainingCurvesChart;
import io.flowerstream.trainer.train.Evaluation;
import io.flowerstream.trainer.train.FlowerTrainer;
import io.flowerstream.trainer.train.ProgressListener;
import io.flowerstream.trainer.train.ProgressListeners;
import io.flowerstream.trainer.train.Scorer;
import io.flowerstream.trainer.train.TrainingOutcome;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retraining, start to end: list the labelled photos, split and decode them, train, score the
 * champion on the same validation photos, then publish a new version (weights, charts, manifest,
 * {@code metadata.json} last), move {@code champion} if the gate agrees, and announce it.
 *
 * <p>Nothing is written to the registry before training has succeeded, so a run that fails (storage
 * down, no usable photos) leaves no partial version behind: at most an unused version number.
 * Without a registry (training from folders) the run trains and reports, and publishes nothing.
 */
public final class TrainingRun {

    /** Validation photos shown in {@code samples.png}. */
    private static final int SAMPLES = 20;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final ImageSource source;
    private final ModelRegistry registry;
    private final Announcer announcer;
    private final RunSettings settings;
    private final ProgressListener progress;
    private final TrainerMetrics metrics;

    /**
     * A run reading {@code source}, publishing to {@code registry} (null: publish nothing) and announcing with {@code
     * announcer}.
     */
    public TrainingRun(
            ImageSource source,
            ModelRegistry registry,
            Announcer announcer,
            RunSettings settings,
            ProgressListener progress,
            TrainerMetrics metrics) {
        this.source = source;
        this.registry = registry;
        this.announcer = announcer;
        this.settings = settings;
        this.metrics = metrics;
        this.progress = metrics == null ? progress : ProgressListeners.of(progress, metrics);
    }

    /** Runs it; an exception means nothing was published. */
    public RunResult run() throws Exception {
        long started = System.nanoTime();
        Optional<Integer> champion = Optional.empty();
        if (registry != null) {
            registry.ensureBucket();
            champion = registry.resolveAlias(ModelRegistry.CHAMPION);
            champion.ifPresent(v -> {
                if (metrics != null) {
                    metrics.champion(v);
                }
            });
        }
        Manifest manifest = limited(new Manifest(source.list()), settings.limit());
        LOG.info(
                "{} labelled photos in {}: {} to train, {} to validate (manifest sha256 {})",
                manifest.size(),
                source.describe(),
                manifest.of(Split.TRAIN).size(),
                manifest.of(Split.VALIDATION).size(),
                manifest.sha256());
        PhotoStore store = new PhotoLoader(settings.loaderThreads()).load(source, manifest.images());
        int[] validation = store.indexesOf(Split.VALIDATION);
        SeenPhotos seen = seenByChampion(champion);
        NewPhotoSampler.Plan plan =
                new NewPhotoSampler(settings.newPhotoShare()).plan(store, store.indexesOf(Split.TRAIN), seen);
        if (seen.known()) {
            LOG.info("compared with the {} photos of {}: {}", seen.size(), seen.origin(), plan.summary());
        }
        int[] train = plan.order();
        int trainPhotos = plan.oldPhotos() + plan.newPhotos();
        int version = registry == null ? 0 : registry.reserveNextVersion();
        if (metrics != null) {
            metrics.runStarted(version, manifest.size());
        }
        LOG.info(
                "training {} on {} photos, validating on {} ({} network, {} augmentation, {} epochs, batch {}, {} "
                        + "learning rate from {}, label smoothing {}, {})",
                version == 0 ? "a model" : "version " + version,
                trainPhotos,
                validation.length,
                settings.warmStart() && champion.isPresent()
                        ? "the champion's"
                        : settings.training().architecture(),
                settings.training().augmentation().source().isNone()
                        ? (settings.training().augmentation().isIdentity() ? "no" : "the seed's")
                        : "source",
                settings.training().epochs(),
                settings.training().batchSize(),
                settings.training().schedule(),
                settings.training().learningRate(),
                settings.training().labelSmoothing(),
                settings.training().devices()[0]);

        Integer parent = settings.warmStart() ? champion.orElse(null) : null;
        TrainingOutcome outcome;
        Architecture architecture;
        try (Model model = startingModel(parent)) {
            architecture = FlowerModels.architectureOf(model);
            outcome = new FlowerTrainer(settings.training(), progress).train(model, store, train, validation);
        }
        LOG.info(
                "best epoch {} of {}: validation accuracy {} ({} img/s, {} s)",
                outcome.bestEpoch(),
                outcome.history().size(),
                String.format("%.4f", outcome.bestValidationAccuracy()),
                String.format("%.1f", outcome.imagesPerSecond()),
                String.format("%.0f", outcome.trainingSeconds()));
        if (settings.saveParams() != null) {
            Files.write(settings.saveParams(), outcome.bestParams());
            LOG.info("best weights written to {}", settings.saveParams());
        }
        if (registry == null) {
            return new RunResult(
                    0, manifest.size(), trainPhotos, validation.length, outcome, null, null, elapsed(started));
        }

        PromotionDecision decision = gate(champion, store, validation, outcome.bestValidation(), seen);
        (decision.promoted() ? LOG.atInfo() : LOG.atWarn()).log("version {}: {}", version, decision.reason());
        VersionCalibration calibration = VersionCalibration.fit(outcome.bestValidation(), settings.abstain());
        LOG.info("version {} calibrated on its validation photos: {}", version, calibration.summary());
        ReferenceProfile profile = ValidationProfile.of(store, outcome.bestValidation(), calibration.calibration());
        ModelMetadata draft =
                metadata(parent, architecture, outcome, manifest, decision, calibration.calibration(), profile);
        PublishRequest request = PublishRequest.of(draft, outcome.bestParams());
        for (Map.Entry<String, byte[]> artifact :
                artifacts(outcome, store, manifest).entrySet()) {
            request = request.withArtifact(artifact.getKey(), artifact.getValue());
        }
        ModelMetadata published = registry.publish(version, request);
        if (decision.promoted()) {
            registry.setAlias(ModelRegistry.CHAMPION, version);
        }
        if (metrics != null) {
            metrics.published(version, decision.promoted());
        }
        announcer.announce(new ModelAnnouncement(
                registry.modelName(),
                version,
                decision.promoted() ? List.of(ModelRegistry.CHAMPION) : List.of(),
                published.paramsSha256(),
                outcome.bestValidationAccuracy(),
                Instant.now().toString()));
        LOG.info(
                "published version {} of {}{}",
                version,
                registry.modelName(),
                decision.promoted() ? " as champion" : "");
        return new RunResult(
                version,
                manifest.size(),
                trainPhotos,
                validation.length,
                outcome,
                decision,
                published,
                elapsed(started));
    }

    /** At most {@code limit} photos, every k-th of the sorted manifest so that each class keeps its share. */
    static Manifest limited(Manifest manifest, int limit) {
        if (limit <= 0 || limit >= manifest.size()) {
            return manifest;
        }
        List<io.flowerstream.trainer.data.LabelledImage> kept = new java.util.ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            kept.add(manifest.images().get((int) ((long) i * manifest.size() / limit)));
        }
        return new Manifest(kept);
    }

    private Model startingModel(Integer parent) throws MalformedModelException {
        if (parent == null) {
            return FlowerModels.newModel(
                    settings.training().devices()[0],
                    settings.training().seed(),
                    settings.training().architecture());
        }
        FetchedModel fetched = registry.fetch(parent);
        LOG.info(
                "warm start from champion version {} ({})",
                parent,
                fetched.metadata().architecture());
        return FlowerModels.load(fetched.params(), settings.training().devices()[0], "version " + parent);
    }

    /**
     * The photos the champion was trained and validated on, from its manifest; none known when there
     * is no champion or its manifest cannot be read (then the sampler leaves the epoch as it is).
     */
    private SeenPhotos seenByChampion(Optional<Integer> champion) {
        if (champion.isEmpty()) {
            return SeenPhotos.none();
        }
        try {
            return registry.artifact(champion.get(), Manifest.FILE_NAME)
                    .map(csv -> SeenPhotos.ofManifestCsv(csv, "champion version " + champion.get()))
                    .orElseGet(() -> {
                        LOG.warn(
                                "champion version {} has no {}: every photo is treated " + "alike",
                                champion.get(),
                                Manifest.FILE_NAME);
                        return SeenPhotos.none();
                    });
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not read the manifest of champion version {} ({}): every photo is treated alike",
                    champion.get(),
                    e.toString());
            return SeenPhotos.none();
        }
    }

    /**
     * The gate's decision, scoring the champion on this run's validation photos; the reason also
     * gives both accuracies on the validation photos new to the champion, where there are any.
     */
    private PromotionDecision gate(
            Optional<Integer> champion, PhotoStore store, int[] validation, Evaluation candidate, SeenPhotos seen) {
        PromotionGate gate = new PromotionGate(settings.margin(), settings.forcePromote());
        double accuracy = candidate.accuracy();
        if (champion.isEmpty()) {
            return gate.noChampion(accuracy);
        }
        int version = champion.get();
        try (Model model = FlowerModels.load(
                registry.fetch(version).params(), settings.training().devices()[0], "champion version " + version)) {
            Evaluation scored = Scorer.evaluate(
                    model, store, validation, settings.training().batchSize());
            PromotionDecision decision = gate.decide(accuracy, version, scored.accuracy());
            return new PromotionDecision(
                    decision.promoted(),
                    decision.reason() + NewPhotoAccuracy.describe(candidate, scored, store, seen),
                    decision.championVersion(),
                    decision.championAccuracy());
        } catch (MalformedModelException | RuntimeException e) {
            // A champion that cannot be loaded serves no one: replacing it is the fix, not a reason to stop.
            LOG.error("champion version {} could not be loaded to compare with: {}", version, e.toString());
            return new PromotionDecision(
                    true,
                    "promoted: champion version " + version + " could not be loaded to compare with (" + e.getMessage()
                            + ")",
                    version,
                    null);
        }
    }

    private ModelMetadata metadata(
            Integer parent,
            Architecture architecture,
            TrainingOutcome outcome,
            Manifest manifest,
            PromotionDecision decision,
            Calibration calibration,
            ReferenceProfile profile) {
        Evaluation v = outcome.bestValidation();
        Map<String, ModelMetadata.ClassMetrics> perClass = new LinkedHashMap<>();
        for (int c = 0; c < FlowerClasses.count(); c++) {
            perClass.put(FlowerClasses.NAMES.get(c), new ModelMetadata.ClassMetrics(v.precision(c), v.recall(c)));
        }
        return ModelMetadata.builder()
                .parentVersion(parent)
                .classes(FlowerClasses.NAMES)
                .inputShape(List.of(FlowerNet.CHANNELS, FlowerNet.INPUT_SIZE, FlowerNet.INPUT_SIZE))
                .architecture(architecture.id())
                .history(outcome.history().stream()
                        .map(e -> new ModelMetadata.Epoch(
                                e.epoch(), e.loss(), e.accuracy(), e.valLoss(), e.valAccuracy(), e.learningRate()))
                        .toList())
                .validation(new ModelMetadata.Validation(v.accuracy(), v.loss(), perClass, v.confusionMatrix()))
                .datasetManifest(new ModelMetadata.DatasetManifest(manifest.size(), manifest.sha256()))
                .device(outcome.device())
                .trainingTimeSeconds(outcome.trainingSeconds())
                .promoted(decision.promoted(), decision.reason())
                .calibration(calibration)
                .referenceProfile(profile)
                .build();
    }

    private static Map<String, byte[]> artifacts(TrainingOutcome outcome, PhotoStore store, Manifest manifest) {
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        artifacts.put("training-curves.png", TrainingCurvesChart.render(outcome.history(), outcome.bestEpoch()));
        artifacts.put(
                "confusion-matrix.png",
                ConfusionMatrixChart.render(
                        outcome.bestValidation().confusionMatrix(),
                        String.format(
                                "validation, best epoch %d: accuracy %.4f",
                                outcome.bestEpoch(), outcome.bestValidationAccuracy())));
        artifacts.put("samples.png", SamplesGrid.render(store, outcome.bestValidation(), SAMPLES));
        artifacts.put(Manifest.FILE_NAME, manifest.csv());
        return artifacts;
    }

    private static double elapsed(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
