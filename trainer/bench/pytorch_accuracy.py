#!/usr/bin/python3
"""Accuracy of the flower network trained in plain PyTorch: the reference the trainer's accuracy figure is compared with.

Trains a network of pytorch_train.py (--architecture, as the trainer's; Glorot-uniform weights, zero biases)
with the recipe of trainer/bench/accuracy.sh on the same photos, keeps the epoch with the best
validation accuracy and scores it once on flowers-eval/. trainer/bench/accuracy.sh runs it beside
the Java trainer with REFERENCE=pytorch; alone:

    /usr/bin/python3 trainer/bench/pytorch_accuracy.py --epochs 40 --seed 1
    /usr/bin/python3 trainer/bench/pytorch_accuracy.py --epochs 1 --limit 200   # a smoke run of the script

What is the same as the Java trainer (trainer/src/main/java/io/flowerstream/trainer):
- Photos: every .jpg/.jpeg/.png under each set's class folders, sorted by path, the same bytes
  counted once (the first path kept); --limit keeps every k-th of that list, as --limit does there.
- The split: SHA-256 of "split-v1:" + the photo's SHA-256 in hex, first four bytes as an unsigned
  number, modulo 100, below 25 is validation (Split.java). So both sides validate on the same photos.
- Input: decoded upright (EXIF orientation), RGB (grey widened, transparency over white),
  stretched to 150x150 without cropping by a bilinear resize with pixel centres aligned and no
  antialiasing, scaled to [0, 1], kept as bytes between epochs (PhotoLoader, ImagePreprocessor).
- Augmentation, per training photo (the seed's recipe; the trainer's --augmentation sources adds crops,
  light, colour, thumbnails and JPEG compression that this script does not: compare it with
  TRAIN_AUGMENTATION=seed for like with like): rotation in [-10, 10] degrees, zoom of each axis in
  [0.9, 1.1], shifts in [-0.2, 0.2] of the side, a mirror for half of them, inverse-mapped about
  the centre and sampled bilinearly with the edge pixels repeated (AffineSampler).
- Threads: one per usable core, as DJL gives the trainer (--threads); accuracy.sh also gives both
  OMP_WAIT_POLICY=PASSIVE and channels-last inputs (--channels-last), as the trainer runs.
- Loss: softmax cross-entropy from the logits with label smoothing e (the true class 1 - e + e/5).
- Optimiser: Adam, betas 0.9 and 0.999, epsilon 1e-7, L2 weight decay added to the gradient.
- Learning rate: cosine from the start rate to zero over all the updates of the run, the update
  count starting at 1 (CosineLearningRate); or the seed's plateau rule (cut by 10 after 3 epochs
  without a better validation accuracy, no lower than 1e-4 of the start).
- Batch 32, the last batch of an epoch smaller; the best epoch by validation accuracy (ties keep
  the earlier), its weights scored on the evaluation photos.

Where it differs, because PyTorch 1.13 or Python does it another way:
- Random numbers: PyTorch's generator, seeded with --seed, draws the initial weights, the order and
  the augmentation; the trainer draws order and augmentation from Java's SplittableRandom with
  the seed and the initial weights from the engine's own generator. Same distributions, other draws.
- Adam's epsilon: PyTorch adds it to the bias-corrected root of the second moment, DJL to the
  uncorrected one (it folds the correction into the rate), so epsilon weighs about 30 times
  less here in the first steps and the same later; with 1e-7 the updates differ by far less
  than the noise between seeds.
- Decoding: PIL (libjpeg-turbo) decodes every photo whole; the trainer decodes with libjpeg-turbo
  or ImageIO and shrinks photos of 600 px or more on the short side by 2, 4 or 8 while
  decoding (the shared sets have none). Pixels may differ by a grey level here and there.
- Augmentation runs on the batch in the training thread (grid_sample), where the trainer
  prepares the next batch on another thread while this one trains: it counts in the step time here.
- CMYK JPEGs are converted by PIL's rules, not the trainer's; the shared sets have none.

Prints the photo count and split with the manifest's SHA-256 (the trainer logs the same hash for
the same photos and split), one line per epoch, then the lines trainer/bench/accuracy.sh reads:
    best epoch E: validation accuracy A on N photos (trained on M); R training images/s; run took S s
    accuracy A (N photos) on DIR, loss L
and a last line with the PyTorch version, threads, layout, seed, epochs, recipe, speed and CPU.
accuracy.sh trains with --eval none --save-params FILE and then scores FILE with --params FILE
--eval DIR in a second process, as it runs `trainer train` and `trainer evaluate`, so that the
wall time of both sides is the training process alone.

Needs Debian's python3-torch, python3-pil and libopenblas0-pthread (without OpenBLAS, PyTorch
runs its Linear layers on the slow reference BLAS).
"""
import argparse
import concurrent.futures
import copy
import hashlib
import io
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image, ImageOps

sys.dont_write_bytecode = True  # no __pycache__ left beside the scripts in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_train import network  # noqa: E402  (the one definition of the networks in Python)

CLASSES = ["daisy", "dandelion", "rose", "sunflower", "tulip"]  # FlowerClasses.NAMES, in output order
SIDE = 150
VALIDATION_PERCENT = 25
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")


class Photo:
    """One labelled photo file: its path, class index and SHA-256, which decides its side of the split."""

    def __init__(self, path, label, sha256):
        self.path = path
        self.label = label
        self.sha256 = sha256

    def is_validation(self):
        digest = hashlib.sha256(("split-v1:" + self.sha256).encode("utf-8")).digest()
        return int.from_bytes(digest[:4], "big") % 100 < VALIDATION_PERCENT


def list_photos(roots):
    """Every photo under the class folders of roots, sorted by path, each distinct file once."""
    photos = []
    for root in roots:
        root = root.rstrip("/") or "/"
        if not os.path.isdir(root):
            sys.exit(f"pytorch_accuracy.py: image folder {root} does not exist: give a folder with a sub-folder per class")
        for index, label in enumerate(CLASSES):
            folder = os.path.join(root, label)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                path = os.path.join(folder, name)
                if name.lower().endswith(PHOTO_SUFFIXES) and os.path.isfile(path):
                    with open(path, "rb") as f:
                        photos.append(Photo(path, index, hashlib.sha256(f.read()).hexdigest()))
    if not photos:
        sys.exit(f"pytorch_accuracy.py: no photos under {roots}: expected sub-folders named {', '.join(CLASSES)}"
                 " holding .jpg or .png files")
    photos.sort(key=lambda p: p.path)
    seen, distinct = set(), []
    for photo in photos:
        if photo.sha256 not in seen:  # the same bytes under two names would count one photo twice
            seen.add(photo.sha256)
            distinct.append(photo)
    return distinct


def limited(photos, limit):
    """At most limit photos, every k-th of the sorted list, so that each class keeps its share."""
    if limit <= 0 or limit >= len(photos):
        return photos
    return [photos[i * len(photos) // limit] for i in range(limit)]


def decode(path):
    """The photo as 3x150x150 bytes (CHW), or None with a warning when it cannot be decoded."""
    try:
        with open(path, "rb") as f:
            image = Image.open(io.BytesIO(f.read()))
            image.load()
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(white, rgba)
        image = image.convert("RGB")
    except Exception as e:  # PIL raises many kinds for broken files; the trainer leaves such photos out too
        print(f"pytorch_accuracy.py: leaving out {path}: {e}", file=sys.stderr)
        return None
    pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
    chw = pixels.view(image.height, image.width, 3).permute(2, 0, 1).float().unsqueeze(0)
    # align_corners=False is the half-pixel rule of ImagePreprocessor; no antialias, as there.
    resized = F.interpolate(chw, size=(SIDE, SIDE), mode="bilinear", align_corners=False)
    return resized.round().clamp(0, 255).to(torch.uint8)[0]


def load(photos, threads):
    """The decodable photos of the list, their bytes stacked (N x 3 x 150 x 150) and their labels."""
    with concurrent.futures.ThreadPoolExecutor(max(1, threads)) as pool:
        decoded = list(pool.map(decode, [p.path for p in photos]))
    kept = [(p, d) for p, d in zip(photos, decoded) if d is not None]
    if not kept:
        sys.exit(f"pytorch_accuracy.py: none of the {len(photos)} photos could be decoded: check that they are JPEG or PNG")
    pixels = torch.stack([d for _, d in kept])
    labels = torch.tensor([p.label for p, _ in kept], dtype=torch.long)
    return [p for p, _ in kept], pixels, labels


def augment(batch, generator):
    """The batch (floats in [0, 1]) through a random affine transform each, as AffineSampler draws them."""
    n = batch.shape[0]

    def uniform(limit):
        return (torch.rand(n, generator=generator) * 2 - 1) * limit

    theta = torch.deg2rad(uniform(10.0))
    zx, zy = 1 + uniform(0.1), 1 + uniform(0.1)
    tx, ty = uniform(0.2) * SIDE, uniform(0.2) * SIDE
    flip = torch.where(torch.rand(n, generator=generator) < 0.5, -1.0, 1.0)
    cos, sin = torch.cos(theta), torch.sin(theta)
    centre = (SIDE - 1) / 2
    # Output (x, y) reads the input at R(theta) diag(zx, zy) (p - c) + c + t, p mirrored first when
    # flipped; in grid_sample's coordinates with align_corners=True, (p - c) / c.
    matrix = torch.stack([
        torch.stack([cos * zx * flip, -sin * zy, tx / centre], dim=1),
        torch.stack([sin * zx * flip, cos * zy, ty / centre], dim=1),
    ], dim=1)
    grid = F.affine_grid(matrix, list(batch.shape), align_corners=True)
    # padding_mode="border" clamps the source point to the photo, Keras' fill_mode="nearest".
    return F.grid_sample(batch, grid, mode="bilinear", padding_mode="border", align_corners=True)


def as_input(pixels, layout):
    return (pixels.float() / 255.0).contiguous(memory_format=layout)


def score(net, pixels, labels, loss_fn, batch_size, layout):
    """Mean loss and accuracy of net on the photos, without augmentation."""
    net.eval()
    loss_sum, right = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(labels), batch_size):
            logits = net(as_input(pixels[start:start + batch_size], layout))
            y = labels[start:start + batch_size]
            loss_sum += loss_fn(logits, y).item() * len(y)
            right += (logits.argmax(1) == y).sum().item()
    net.train()
    return loss_sum / len(labels), right / len(labels)


class Cosine:
    """Cosine decay from the start rate to zero over the planned updates (CosineLearningRate, no time budget)."""

    def __init__(self, initial, planned):
        self.initial, self.planned = initial, max(1, planned)

    def rate(self, update):
        return self.initial * 0.5 * (1 + math.cos(math.pi * min(1.0, update / self.planned)))

    def on_epoch(self, accuracy):
        return False


class Plateau:
    """The seed's rule (PlateauLearningRate): times 0.1 after 3 epochs without a better validation accuracy."""

    def __init__(self, initial, patience=3, factor=0.1):
        self.value, self.patience, self.factor, self.minimum = initial, patience, factor, initial * 1e-4
        self.best, self.stalled = float("-inf"), 0

    def rate(self, update):
        return self.value

    def on_epoch(self, accuracy):
        if accuracy > self.best:
            self.best, self.stalled = accuracy, 0
            return False
        self.stalled += 1
        if self.stalled >= self.patience and self.value > self.minimum:
            self.value, self.stalled = max(self.minimum, self.value * self.factor), 0
            return True
        return False


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()}, {os.cpu_count()} cores"
    except OSError:
        pass
    return f"unknown CPU, {os.cpu_count()} cores"


def manifest_sha256(photos):
    """Hex SHA-256 of the list as the trainer's manifest.csv writes it: equal hashes, the same photos on the same sides."""
    lines = ["key,label,sha256,split\n"] + [
        f"{p.path},{CLASSES[p.label]},{p.sha256},{'validation' if p.is_validation() else 'train'}\n" for p in photos]
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def arguments():
    here = os.path.dirname(os.path.abspath(__file__))
    datasets = os.environ.get("FLOWERSTREAM_DATASETS", os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "datasets")))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="\n".join(__doc__.splitlines()[2:]))
    p.add_argument("--images", action="append", metavar="DIR",
                   help="a training set, a sub-folder per class; repeatable (default: $FLOWERSTREAM_DATASETS/flowers and "
                        "flowers-extra, FLOWERSTREAM_DATASETS defaulting to ../shared/datasets beside the repository)")
    p.add_argument("--eval", metavar="DIR", help="the photos scored once at the end; none: score nothing "
                                                 "(default: $FLOWERSTREAM_DATASETS/flowers-eval)")
    p.add_argument("--save-params", metavar="FILE", help="also write the best epoch's weights to FILE (a PyTorch state dict)")
    p.add_argument("--params", metavar="FILE", help="train nothing: score the weights --save-params wrote on --eval")
    p.add_argument("--epochs", type=int, default=40, help="passes over the training photos (default 40, as accuracy.sh)")
    p.add_argument("--seed", type=int, default=1, help="seeds the initial weights, order and augmentation (default 1)")
    p.add_argument("--architecture", default=os.environ.get("TRAIN_ARCHITECTURE", "flowers-cnn-bn"),
                   help="flowers-cnn-bn or flowers-cnn-seed, as the trainer's --architecture (env TRAIN_ARCHITECTURE)")
    p.add_argument("--limit", type=int, default=0, help="at most this many photos, both sides of the split, for a smoke run; 0: all")
    p.add_argument("--batch-size", type=int, default=int(os.environ.get("TRAIN_BATCH_SIZE", 32)),
                   help="images per step (env TRAIN_BATCH_SIZE; default 32)")
    p.add_argument("--learning-rate", type=float, default=float(os.environ.get("TRAIN_LEARNING_RATE", 0.001)),
                   help="Adam's starting rate (env TRAIN_LEARNING_RATE; default 0.001)")
    p.add_argument("--weight-decay", type=float, default=float(os.environ.get("TRAIN_WEIGHT_DECAY", 0)),
                   help="L2 weight decay (env TRAIN_WEIGHT_DECAY; default 0)")
    p.add_argument("--schedule", choices=["cosine", "plateau"], default=os.environ.get("TRAIN_SCHEDULE", "cosine"),
                   help="learning-rate schedule (env TRAIN_SCHEDULE; default cosine, as accuracy.sh)")
    p.add_argument("--label-smoothing", type=float, default=float(os.environ.get("TRAIN_LABEL_SMOOTHING", 0.1)),
                   help="share of each target spread over all classes (env TRAIN_LABEL_SMOOTHING; default 0.1, as accuracy.sh)")
    p.add_argument("--no-augmentation", action="store_true", help="train on the photos as they are")
    # Debian's PyTorch starts with one OpenMP thread on some machines; DJL gives the trainer one per core.
    p.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                   help="PyTorch's threads (default: one per usable core, as the trainer has)")
    p.add_argument("--loader-threads", type=int, default=2, help="threads decoding photos at the start (default 2)")
    p.add_argument("--channels-last", action="store_true",
                   help="inputs laid out channels-last, as the trainer lays them (speed only: the arithmetic is the same)")
    a = p.parse_args()
    if a.schedule not in ("cosine", "plateau"):  # argparse checks choices on the command line only, not env defaults
        p.error(f"--schedule (or TRAIN_SCHEDULE) must be cosine or plateau, was {a.schedule}")
    if a.epochs < 1 or a.batch_size < 1 or not a.learning_rate > 0 or not 0 <= a.label_smoothing < 1:
        p.error("--epochs and --batch-size must be at least 1, --learning-rate positive and --label-smoothing in [0, 1)")
    if a.params and a.eval == "none":
        p.error("--params scores weights on --eval: give --eval DIR, not none")
    a.images = a.images or [os.path.join(datasets, "flowers"), os.path.join(datasets, "flowers-extra")]
    a.eval = a.eval or os.path.join(datasets, "flowers-eval")
    return a


def train(a, started, layout):
    """Trains the network on a's photos; returns it with the best epoch's weights, and the training images/s."""
    torch.manual_seed(a.seed)
    generator = torch.Generator().manual_seed(a.seed)
    listed = limited(list_photos(a.images), a.limit)
    photos, pixels, labels = load(listed, a.loader_threads)
    validation = torch.tensor([p.is_validation() for p in photos])
    train_x, train_y = pixels[~validation], labels[~validation]
    val_x, val_y = pixels[validation], labels[validation]
    if len(train_y) == 0 or len(val_y) == 0:
        sys.exit(f"pytorch_accuracy.py: need photos on both sides of the split, got {len(train_y)} to train and "
                 f"{len(val_y)} to validate: raise --limit or add photos")
    print(f"{len(listed)} labelled photos in {' '.join(a.images)}: {len(train_y)} to train, {len(val_y)} to validate, "
          f"{len(listed) - len(photos)} left out (manifest sha256 {manifest_sha256(listed)})", flush=True)

    net = network(a.architecture)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=a.label_smoothing)
    opt = torch.optim.Adam(net.parameters(), lr=a.learning_rate, betas=(0.9, 0.999), eps=1e-7,
                           weight_decay=a.weight_decay)
    per_epoch = (len(train_y) + a.batch_size - 1) // a.batch_size
    schedule = Cosine(a.learning_rate, per_epoch * a.epochs) if a.schedule == "cosine" else Plateau(a.learning_rate)
    update = 0
    train_seconds, train_images = 0.0, 0
    best_epoch, best_accuracy, best_state = 0, -1.0, None
    net.train()
    for epoch in range(1, a.epochs + 1):
        net.train()  # score() leaves the network in eval mode (batch normalisation, dropout)
        epoch_start = time.perf_counter()
        order = torch.randperm(len(train_y), generator=generator)
        loss_sum, right = 0.0, 0
        for start in range(0, len(order), a.batch_size):
            idx = order[start:start + a.batch_size]
            x = train_x[idx].float() / 255.0
            if not a.no_augmentation:
                x = augment(x, generator)
            x = x.contiguous(memory_format=layout)
            y = train_y[idx]
            update += 1
            rate = schedule.rate(update)
            for group in opt.param_groups:
                group["lr"] = rate
            opt.zero_grad(set_to_none=True)
            logits = net(x)
            loss = loss_fn(logits, y)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(y)
            right += (logits.argmax(1) == y).sum().item()
        seconds = time.perf_counter() - epoch_start
        train_seconds += seconds
        train_images += len(order)
        val_loss, val_accuracy = score(net, val_x, val_y, loss_fn, a.batch_size, layout)
        best = val_accuracy > best_accuracy
        if best:
            best_epoch, best_accuracy, best_state = epoch, val_accuracy, copy.deepcopy(net.state_dict())
        cut = schedule.on_epoch(val_accuracy)
        print(f"epoch {epoch}/{a.epochs}: loss {loss_sum / len(order):.4f} accuracy {right / len(order):.4f}, "
              f"validation loss {val_loss:.4f} accuracy {val_accuracy:.4f}, last rate {rate:.6f}, "
              f"{seconds:.0f} s, {len(order) / seconds:.1f} images/s{' *best' if best else ''}{' (rate cut)' if cut else ''}",
              flush=True)
    rate_overall = train_images / train_seconds
    print(f"best epoch {best_epoch}: validation accuracy {best_accuracy:.4f} on {len(val_y)} photos "
          f"(trained on {len(train_y)}); {rate_overall:.1f} training images/s; run took {time.perf_counter() - started:.0f} s",
          flush=True)
    net.load_state_dict(best_state)
    if a.save_params:
        torch.save(best_state, a.save_params)
        print(f"best weights written to {a.save_params}", flush=True)
    return net, rate_overall


def evaluate(net, root, a, layout):
    """Prints the accuracy of net on the photos under root, without augmentation."""
    photos, pixels, labels = load(list_photos([root]), a.loader_threads)
    loss, accuracy = score(net, pixels, labels, nn.CrossEntropyLoss(), a.batch_size, layout)
    print(f"accuracy {accuracy:.4f} ({len(photos)} photos) on {root}, loss {loss:.4f}", flush=True)


def main():
    started = time.perf_counter()
    a = arguments()
    torch.set_num_threads(max(1, a.threads))
    layout = torch.channels_last if a.channels_last else torch.contiguous_format
    setup = f"pytorch {torch.__version__}, {torch.get_num_threads()} threads{', channels-last' if a.channels_last else ''}"
    if a.params:
        net = network(a.architecture)
        try:
            net.load_state_dict(torch.load(a.params))
        except Exception as e:
            sys.exit(f"pytorch_accuracy.py: {a.params} is not weights of this network written by --save-params ({e}): train again")
        evaluate(net, a.eval, a, layout)
        print(f"{setup}; on {cpu_model()}")
        return
    net, rate = train(a, started, layout)
    if a.eval != "none":
        evaluate(net, a.eval, a, layout)
    print(f"{setup}: seed {a.seed}, {a.epochs} epochs, {a.schedule} rate from {a.learning_rate}, label smoothing "
          f"{a.label_smoothing}, batch {a.batch_size}, {rate:.1f} training images/s, {time.perf_counter() - started:.0f} s in all; "
          f"on {cpu_model()}")


if __name__ == "__main__":
    main()
