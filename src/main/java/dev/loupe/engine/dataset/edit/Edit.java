package dev.loupe.engine.dataset.edit;

import java.util.List;

/**
 * One user-visible change, e.g. "Move 3 images to roses": what undo and redo replay, step by step.
 *
 * @param id          unique within the journal, increasing
 * @param description a short sentence for menus and the CLI
 * @param time        when it was made, epoch milliseconds
 * @param steps       in the order they were done; undo runs them backwards
 */
public record Edit(long id, String description, long time, List<Step> steps) {

    public Edit {
        steps = List.copyOf(steps);
    }
}
