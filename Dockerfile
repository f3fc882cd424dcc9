# syntax=docker/dockerfile:1
# Three stages: the PWA is built with Node, embedded into a static Go binary, and that binary
# alone runs in a minimal image as a non-root user.

FROM node:20-bookworm-slim AS pwa
WORKDIR /src/pwa
COPY pwa/package.json pwa/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY pwa/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd/ cmd/
COPY internal/ internal/
COPY migrations/ migrations/
COPY pwa/embed.go pwa/embed.go
COPY --from=pwa /src/pwa/dist/ pwa/dist/
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/klusbuddy ./cmd/klusbuddy

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/klusbuddy /klusbuddy
ENV KLUSBUDDY_ENV=production \
    KLUSBUDDY_ADDR=:8080
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["/klusbuddy", "healthcheck"]
ENTRYPOINT ["/klusbuddy"]
CMD ["serve"]
