#!/usr/bin/python3
"""Training speed of the flower networks in plain PyTorch: the peer the Java trainer is measured against.

The same layers (--architecture: the trainer's default flowers-cnn-bn, or the seed's flowers-cnn-seed), initialisation (Glorot uniform, zero biases), loss (softmax cross-entropy on
logits), optimiser (Adam, lr 0.001, epsilon 1e-7) and batch size as the Java trainer, on the same
number of threads. Batches are random tensors made before timing starts, so this side pays nothing
for data loading: the figure is the engine's step time alone, the most favourable case for it.

    OMP_NUM_THREADS=2 /usr/bin/python3 trainer/bench/pytorch_train.py --batches 40 --batch-size 32 --threads 2

--channels-last lays the inputs out channels-last, as the Java trainer does: not the plain
script the goal is measured against, a reference for what the layout alone is worth here.

Needs Debian's python3-torch with libopenblas0-pthread (without OpenBLAS it runs on the slow reference BLAS).
"""
import argparse
import time

import torch
import torch.nn as nn


def seed_network():
    net = nn.Sequential(
        nn.Conv2d(3, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(64, 96, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(96, 96, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(96 * 9 * 9, 512), nn.ReLU(),
        nn.Linear(512, 5),
    )
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def bn_stage(inputs, filters, kernel):
    """Convolution without bias, batch normalisation, ReLU: as the trainer's flowers-cnn-bn stages."""
    return [nn.Conv2d(inputs, filters, kernel, padding=(kernel - 1) // 2, bias=False), nn.BatchNorm2d(filters), nn.ReLU()]


def bn_network():
    """flowers-cnn-bn: the seed's stages normalised, a fifth convolution, global average pooling, dropout 0.2."""
    net = nn.Sequential(
        *bn_stage(3, 32, 5), nn.MaxPool2d(2),
        *bn_stage(32, 64, 3), nn.MaxPool2d(2),
        *bn_stage(64, 96, 3), nn.MaxPool2d(2),
        *bn_stage(96, 128, 3), nn.MaxPool2d(2),
        *bn_stage(128, 192, 3),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2),
        nn.Linear(192, 5),
    )
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return net


NETWORKS = {"flowers-cnn-bn": bn_network, "flowers-cnn-seed": seed_network}


def network(name):
    """The network the trainer records under NAME in a version's metadata."""
    if name not in NETWORKS:
        raise SystemExit(f"unknown --architecture {name}: use one of {', '.join(NETWORKS)}")
    return NETWORKS[name]()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--batches", type=int, default=40, help="timed training steps")
    p.add_argument("--warmup", type=int, default=5, help="untimed steps first")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--channels-last", action="store_true", help="inputs in channels-last memory layout")
    p.add_argument("--architecture", default="flowers-cnn-bn", help="flowers-cnn-bn (default) or flowers-cnn-seed")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = network(a.architecture)
    params = sum(p.numel() for p in net.parameters())
    opt = torch.optim.Adam(net.parameters(), lr=0.001, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    layout = torch.channels_last if a.channels_last else torch.contiguous_format
    xs = [torch.rand(a.batch_size, 3, 150, 150).contiguous(memory_format=layout) for _ in range(4)]
    ys = [torch.randint(0, 5, (a.batch_size,)) for _ in range(4)]
    net.train()

    def step(i):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(xs[i % 4]), ys[i % 4])
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(a.warmup):
        step(i)
    start = time.perf_counter()
    for i in range(a.batches):
        step(i)
    seconds = time.perf_counter() - start
    rate = a.batches * a.batch_size / seconds
    print(f"pytorch {torch.__version__} {a.architecture} params {params} threads {torch.get_num_threads()} batch {a.batch_size}"
          f"{' channels-last' if a.channels_last else ''}: "
          f"{a.batches} steps in {seconds:.1f} s = {rate:.1f} images/s")


if __name__ == "__main__":
    main()
