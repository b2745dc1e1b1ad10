"""corpus.py -- storing a fuzz corpus entry (fuzz/seed.sh, fuzz/mkcorpus.sh).
Files are named by their content's SHA-1, so nothing is stored twice."""
import hashlib
import os


def put(directory, blob):
    """Store blob under its SHA-1 in directory; 1 if new, 0 if there."""
    p = os.path.join(directory, hashlib.sha1(blob).hexdigest())
    if os.path.exists(p):
        return 0
    with open(p, 'wb') as f:
        f.write(blob)
    return 1
