FROM node:20.18-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
EXPOSE 3000
# With DATABASE_URL, TEMPORAL_ADDRESS and SMTP_URL set, `npm start` embeds nothing: it runs the
# worker and the HTTP server against those services.
CMD ["node", "--import", "tsx", "scripts/start.ts"]
