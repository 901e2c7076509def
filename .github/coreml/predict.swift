// Runs one prediction with a compiled Core ML model (.mlmodelc) on the CPU, in float32, and prints the top label and
// every label's probability as JSON: {"label": "...", "probabilities": {"daisy": 0.9, ...}}.
// Usage: swift predict.swift MODEL.mlmodelc PHOTO (the photo already at the model's input size)
import CoreML
import Foundation

let args = CommandLine.arguments
guard args.count == 3 else {
    FileHandle.standardError.write("usage: swift predict.swift MODEL.mlmodelc PHOTO\n".data(using: .utf8)!)
    exit(2)
}
let config = MLModelConfiguration()
config.computeUnits = .cpuOnly
let model = try MLModel(contentsOf: URL(fileURLWithPath: args[1]), configuration: config)
guard let constraint = model.modelDescription.inputDescriptionsByName["image"]?.imageConstraint else {
    FileHandle.standardError.write("the model has no image input named 'image'\n".data(using: .utf8)!)
    exit(1)
}
let image = try MLFeatureValue(imageAt: URL(fileURLWithPath: args[2]), constraint: constraint, options: nil)
let output = try model.prediction(from: MLDictionaryFeatureProvider(dictionary: ["image": image]))
let label = output.featureValue(for: "classLabel")?.stringValue ?? ""
var probabilities: [String: Double] = [:]
for (key, value) in output.featureValue(for: "classLabelProbs")?.dictionaryValue ?? [:] {
    probabilities["\(key)"] = value.doubleValue
}
let json = try JSONSerialization.data(withJSONObject: ["label": label, "probabilities": probabilities],
                                      options: [.sortedKeys])
print(String(data: json, encoding: .utf8)!)
