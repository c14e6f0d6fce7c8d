package dev.th.hunt.ioa;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads on a thread of its own while the calling thread consumes, so that reading (parsing files,
 * or the store's rows and their Fields JSON) and matching rules use two cores. Items travel in
 * batches through a short queue: memory stays bounded by a few batches.
 */
public final class ReadAhead {
    /** Something that reads and hands each item to the consumer it is given. */
    public interface Producer<T> {
        void produce(Consumer<T> out) throws Exception;
    }

    private static final int BATCH = 512;
    private static final Object[] END = new Object[0];

    private ReadAhead() {
    }

    /**
     * Runs {@code producer} on a background thread and {@code consumer} on this one, item by item
     * in the producer's order. An exception of the producer is rethrown here once the items read
     * before it are consumed; an exception of the consumer stops the producer.
     *
     * @return how many items were consumed
     */
    @SuppressWarnings("unchecked")
    public static <T> long run(String name, Producer<T> producer, Consumer<T> consumer) throws Exception {
        BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(8);
        Exception[] failure = {null};
        boolean[] cancelled = {false};
        Thread reader = new Thread(() -> {
            Object[][] batch = {new Object[BATCH]};
            int[] n = {0};
            try {
                producer.produce(item -> {
                    batch[0][n[0]++] = item;
                    if (n[0] == BATCH) {
                        put(queue, batch[0], cancelled);
                        batch[0] = new Object[BATCH];
                        n[0] = 0;
                    }
                });
            } catch (Exception e) {
                failure[0] = e;
            } catch (Error e) {
                failure[0] = new IllegalStateException(e.toString(), e);
            } finally {
                try {
                    if (n[0] > 0) {
                        put(queue, Arrays.copyOf(batch[0], n[0]), cancelled);
                    }
                    put(queue, END, cancelled);
                } catch (RuntimeException ignored) {
                    // cancelled: nobody waits for the end any more
                }
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        long count = 0;
        try {
            for (Object[] b = take(queue); b != END; b = take(queue)) {
                for (Object item : b) {
                    consumer.accept((T) item);
                    count++;
                }
            }
        } catch (RuntimeException e) {
            cancelled[0] = true;
            queue.clear();
            throw e;
        } finally {
            reader.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return count;
    }

    private static void put(BlockingQueue<Object[]> q, Object[] b, boolean[] cancelled) {
        try {
            while (!q.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled[0]) {
                    throw new IllegalStateException("cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Object[] take(BlockingQueue<Object[]> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hunting", e);
        }
    }
}
