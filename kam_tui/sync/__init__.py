"""Team sync: the shared document (Yjs through pycrdt), its server and its client."""
