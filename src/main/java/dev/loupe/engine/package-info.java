/**
 * Everything a user can do, headless. The CLI and the studio both call this; nothing here imports JavaFX, ControlsFX
 * or Ikonli (an ArchUnit test enforces it). Data flows one way: dataset, image, backbone, features, training, model,
 * inference and evaluation.
 */
package dev.loupe.engine;
