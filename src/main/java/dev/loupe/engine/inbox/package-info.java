/**
 * The labelling inbox: photos of a dataset that have no label yet, the model's suggestions for them, the orders to
 * work through them in, bulk acceptance, grouping without a model, and the background retrain.
 *
 * <h2>The convention</h2>
 * The inbox is the image files lying directly in the dataset folder, beside the class folders
 * ({@code DatasetSnapshot#inbox()}, {@code LeftOut.Why.LOOSE_IMAGE}). Nothing can be taken for the other:
 * <ul>
 *   <li>a class is a folder, an inbox photo a regular file: a folder named {@code cat.jpg} is a class, a file named
 *       {@code daisy} is not an image; there is no folder named "inbox" that a class could clash with;</li>
 *   <li>hidden entries (a name starting with '.', {@code .loupe/} with Loupe's own files) are never photos or classes;
 *       links, pipes and devices at the top are named and left out as everywhere else;</li>
 *   <li>inbox photos are not training data: scan, training and audit leave them out and say so in one sentence;</li>
 *   <li>a photo's name and a class's name never collide: importing into the inbox renames a clash (also with a class
 *       folder) to {@code name (2).jpg}, and {@code DatasetEditor#makeClass} refuses a name a file already has.</li>
 * </ul>
 * Labelling is a move from the dataset folder into a class folder through the {@code DatasetEditor} (undoable,
 * journaled): {@code moveImages(paths, class)} for one class, {@code moveImages(Map)} for many classes as one edit,
 * {@code moveToInbox(paths)} to take a label away. Importing into the inbox is the same copy import as into a class:
 * {@code DatasetEditor#addToInbox(sources, move)}. From the command line, labelling is {@code loupe dataset move}.
 *
 * <h2>The API (what the studio calls)</h2>
 * <ul>
 *   <li>{@link dev.loupe.engine.inbox.InboxJob} ({@code forSelectedRun(backbones, extractors, dataset)}): a
 *       {@code Job<Inbox>}; features from the cache (missing ones extracted), suggestions from the selected run (a
 *       fine-tuned run's head reads its own backbone's features, run on the inbox and validation photos; neighbours,
 *       groups and familiarity keep the cached stock ones).</li>
 *   <li>{@link dev.loupe.engine.inbox.Inbox}: the photos ({@link dev.loupe.engine.inbox.InboxPhoto}: path, file,
 *       features, {@link dev.loupe.engine.inbox.Suggestion} or null, nearest labelled similarity, unfamiliar flag),
 *       {@code sorted(InboxOrder)}, {@code similarTo(path)}, {@code hasModel()}, {@code labels()},
 *       {@code classes()}.</li>
 *   <li>{@link dev.loupe.engine.inbox.InboxOrder}: {@code UNCERTAIN_DIVERSE} (smallest margin first, the photos
 *       before the next retrain from different groups, {@link dev.loupe.engine.inbox.DiverseUncertainty}; the default,
 *       by measurement, docs/labelling.md), {@code UNCERTAIN}, {@code CONFIDENT}, {@code CLASS}, {@code SIMILAR}; every order is stable
 *       (ties by path).</li>
 *   <li>{@link dev.loupe.engine.inbox.BulkAcceptance}: {@code plan(inbox, minConfidence)} gives a
 *       {@link dev.loupe.engine.inbox.BulkPlan} (photos per class, validation error at that threshold, calibrated
 *       expected errors, out-of-distribution photos left); {@code accept(editor, plan)} moves them as one edit.</li>
 *   <li>{@link dev.loupe.engine.inbox.InboxGroups}: {@code group(photos, k, seed)}, k-means++ on the features
 *       (Commons Math), for "Group similar" without a model; {@code defaultCount(photos, classes)}.</li>
 *   <li>{@link dev.loupe.engine.inbox.AutoRetrain}: {@code job(backbones, extractors, dataset)}, a run on the cached
 *       features marked automatic, its head by {@code AutoRetrain.settings(base, labelled)} (converged softmax
 *       regression, L2 = 1 / (0.01 x labelled photos); the labelling benchmark retrains by the same rule); the
 *       history keeps the latest automatic run and the ones the user kept ({@code RunHistory#keep},
 *       {@code RunHistory#pruneAutomatic}); retrain every {@code AutoRetrain.DEFAULT_EVERY} labels.</li>
 * </ul>
 */
package dev.loupe.engine.inbox;
